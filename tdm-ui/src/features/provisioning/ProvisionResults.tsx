import type { ProvisionResult } from "../../api/freeform";
import { useJob } from "../../api/queries";
import { Badge } from "../../components/Badge";
import { formatCount } from "../../lib/format";

/** Tables loaded, row counts and smoke checks of one provisioning job. */
export function ProvisionResults({ jobId }: { jobId: string }) {
  const job = useJob(jobId);
  const result = (job.data?.result ?? null) as ProvisionResult | null;
  if (!result) return null;
  const counts = Object.entries(result.row_counts ?? {});
  const checks = result.smoke_test_results?.checks ?? [];
  return (
    <div className="mt-2 grid gap-3 md:grid-cols-2">
      <table className="w-full text-left text-xs">
        <thead className="text-slate-500"><tr><th className="py-1 font-medium">Table</th><th className="py-1 text-right font-medium">Rows loaded</th></tr></thead>
        <tbody className="divide-y divide-slate-100">{counts.map(([t, n]) => <tr key={t}><td className="py-1 font-mono">{t}</td><td className="py-1 text-right">{formatCount(n)}</td></tr>)}</tbody>
      </table>
      {checks.length > 0 && (
        <ul className="space-y-1 text-xs">
          {checks.map((c, i) => (
            <li key={i} className="flex items-start gap-2"><Badge tone={c.passed ? "green" : "red"}>{c.passed ? "pass" : "fail"}</Badge><span>{c.name}{c.detail ? ` — ${c.detail}` : ""}</span></li>
          ))}
        </ul>
      )}
    </div>
  );
}
