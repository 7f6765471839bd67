import { Link } from "react-router";

// Result keys naming what a job produced, most specific first; `dataset_version_id` alone may
// also be the dataset a job read (a mask job's input), so it comes last.
const DATASET_KEYS: [string, string][] = [
  ["masked_dataset_version_id", "Open masked dataset"],
  ["synthetic_dataset_version_id", "Open synthetic dataset"],
  ["subset_dataset_version_id", "Open subset"],
  ["output_dataset_version_id", "Open dataset"],
  ["dataset_version_id", "Open dataset"],
];

/** Links to what a job produced, found by well-known id fields at the top of its result. */
export function resultLinks(result: unknown): { label: string; to: string }[] {
  if (result === null || typeof result !== "object") return [];
  const fields = result as Record<string, unknown>;
  const links: { label: string; to: string }[] = [];
  const seen = new Set<string>();
  for (const [key, label] of DATASET_KEYS) {
    const id = fields[key];
    const generic = key === "dataset_version_id" || key === "output_dataset_version_id";
    if (typeof id === "string" && !seen.has(id) && !(generic && links.length > 0)) {
      seen.add(id);
      links.push({ label, to: `/datasets/${id}` });
    }
  }
  if (typeof fields.schema_id === "string") links.push({ label: "Open schema", to: `/schemas/${fields.schema_id}` });
  return links;
}

export function ResultLinks({ result }: { result: unknown }) {
  const links = resultLinks(result);
  if (links.length === 0) return null;
  return (
    <div className="flex flex-wrap gap-2">
      {links.map((l) => (
        <Link key={l.to} to={l.to} className="rounded-md bg-indigo-50 px-3 py-1.5 text-sm font-medium text-indigo-700 hover:bg-indigo-100">
          {l.label}
        </Link>
      ))}
    </div>
  );
}
