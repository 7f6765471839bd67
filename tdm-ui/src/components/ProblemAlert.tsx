import { ApiError, fieldMessages, isEndpointMissing } from "../api/problem";

/** An API error as a readable message: the detail, then each field problem on its own line. */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  if (isEndpointMissing(error)) return <NotAvailable />;
  const problem = error instanceof ApiError ? error.problem : null;
  const detail = problem?.detail ?? (error instanceof Error ? error.message : "Something went wrong.");
  const fields = problem ? fieldMessages(problem) : [];
  const showFieldList = fields.length > 1 || (fields.length === 1 && fields[0]?.message !== detail);
  return (
    <div role="alert" className="rounded-md border border-rose-200 bg-rose-50 p-3 text-sm text-rose-800">
      <p className="font-semibold">{title ?? problem?.title ?? "Error"}</p>
      <p className="mt-0.5">{detail}</p>
      {problem?.field && !showFieldList && (
        <p className="mt-0.5 text-xs">
          Field: <code className="font-mono">{problem.field}</code>
        </p>
      )}
      {showFieldList && (
        <ul className="mt-1 list-disc pl-5 text-xs">
          {fields.map((f, i) => (
            <li key={`${f.field}-${i}`}>
              {f.field && <code className="font-mono">{f.field}</code>}
              {f.field && ": "}
              {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** What a module shows when the server it talks to does not have its endpoint yet. */
export function NotAvailable({ feature }: { feature?: string }) {
  return (
    <div role="status" className="rounded-md border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
      <p className="font-semibold">Not available on this server</p>
      <p className="mt-0.5">
        {feature ? `${feature} needs` : "This needs"} an API endpoint this server does not provide yet. Upgrade the TDM API to use it.
      </p>
    </div>
  );
}
