import type { SubsetPlan } from "../../api/client";
import { Badge } from "../../components/Badge";
import { formatBytes, formatCount } from "../../lib/format";

const PHASE_TONES = { target: "indigo", downstream: "blue", upstream: "violet", completion: "blue", full: "gray", unreached: "amber" } as const;

/** The dry run: traversal order, rows and bytes per table, caps that bite, cycles, missing indexes. */
export function PlanView({ plan }: { plan: SubsetPlan }) {
  const byTable = new Map(plan.tables.map((t) => [t.table, t]));
  const ordered = [...plan.traversal_order.map((t) => byTable.get(t)).filter((t) => t !== undefined), ...plan.tables.filter((t) => !plan.traversal_order.includes(t.table))];
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-2">
        <Badge tone="indigo">{formatCount(plan.estimated_rows)} rows</Badge>
        <Badge tone="indigo">{formatBytes(plan.estimated_bytes)}</Badge>
        <Badge>{plan.tables.length} tables</Badge>
        {plan.limits_bite.length > 0 && <Badge tone="amber">caps bite on {plan.limits_bite.length}</Badge>}
        {(plan.include_children_of_parents ?? 0) > 0 && <Badge tone="blue">children of parents to depth {plan.include_children_of_parents}</Badge>}
      </div>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[32rem] text-left text-sm">
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
            <tr><th className="py-2 pr-3 font-medium">#</th><th className="py-2 pr-3 font-medium">Table</th><th className="py-2 pr-3 font-medium">How</th><th className="py-2 pr-3 text-right font-medium">Rows</th><th className="py-2 pr-3 text-right font-medium">of source</th><th className="py-2 text-right font-medium">Size</th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {ordered.map((t, i) => (
              <tr key={t.table}>
                <td className="py-1.5 pr-3 text-xs text-slate-400">{i + 1}</td>
                <td className="py-1.5 pr-3 font-mono text-xs">{t.table}{t.cap_bites && <span className="ml-1"><Badge tone="amber">cap {formatCount(t.cap)}</Badge></span>}</td>
                <td className="py-1.5 pr-3"><Badge tone={PHASE_TONES[t.phase] ?? "gray"}>{t.phase}{t.depth ? ` · ${t.depth}` : ""}</Badge>{t.completion_depth ? <span className="ml-1"><Badge tone="blue">children of parents · {t.completion_depth}</Badge></span> : null}</td>
                <td className="py-1.5 pr-3 text-right">{formatCount(t.estimated_rows)}</td>
                <td className="py-1.5 pr-3 text-right text-slate-500">{formatCount(t.source_rows)}</td>
                <td className="py-1.5 text-right text-slate-500">{formatBytes(t.estimated_bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {plan.cycles.length > 0 && (
        <div>
          <p className="text-sm font-medium text-slate-700">Cycles</p>
          <ul className="mt-1 list-disc pl-5 text-sm text-slate-600">{plan.cycles.map((c, i) => <li key={i}><span className="font-mono text-xs">{c.tables.join(" ↔ ")}</span>: {c.resolution}</li>)}</ul>
        </div>
      )}
      {plan.missing_indexes.length > 0 && (
        <div role="alert" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-medium">Foreign keys without an index on the child side (slow extraction)</p>
          <ul className="mt-1 space-y-1">{plan.missing_indexes.map((w) => <li key={w.relationship}><code className="block overflow-x-auto text-xs">{w.create_index}</code></li>)}</ul>
        </div>
      )}
    </div>
  );
}
