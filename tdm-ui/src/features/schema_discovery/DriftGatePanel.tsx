import { useQuery } from "@tanstack/react-query";

import { api, type Schemas } from "../../api/client";
import { unwrap } from "../../api/http";
import { Badge } from "../../components/Badge";
import { QueryState } from "../../components/States";

export type DriftGate = Schemas["DriftGateOut"];

export type GateBaseline = { ruleSetId?: string | null; fromVersion?: number | null };

/** The schema drift gate: GET /schema/{id}/drift-gate (baseline: a rule set's version, a version, or the API's default). */
export function useDriftGate(schemaId: string | undefined, { ruleSetId, fromVersion }: GateBaseline = {}) {
  const query = ruleSetId ? { rule_set_id: ruleSetId } : fromVersion ? { from: fromVersion } : {};
  return useQuery({
    queryKey: ["drift-gate", schemaId, query],
    enabled: Boolean(schemaId),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/schema/{schema_id}/drift-gate", { params: { path: { schema_id: schemaId ?? "" }, query } })),
  });
}

/** Whether mask and provision jobs may run, and which new or changed columns block them. */
export function DriftGateBody({ gate }: { gate: DriftGate }) {
  return (
    <div className="space-y-3 text-sm" data-testid="drift-gate">
      <p className="flex flex-wrap items-center gap-2">
        <Badge tone={gate.open ? "green" : "red"}>{gate.open ? "Gate open" : "Gate closed"}</Badge>
        <span className="text-slate-600">
          v{gate.latest_version} against v{gate.baseline_version} ({gate.baseline.replaceAll("_", " ")}): {gate.drifted_columns} drifted column(s),{" "}
          {gate.resolved_columns} ruled or reviewed
        </span>
      </p>
      {!gate.open && (
        <>
          <p className="text-slate-600">Mask and provision jobs stop until each column below has a masking rule (in a rule set saved for v{gate.latest_version}) or a PII review as not personal.</p>
          <ul aria-label="Drift gate blockers" className="space-y-1">
            {gate.blockers.map((b) => (
              <li key={`${b.table}.${b.column}`} className="rounded-md border border-rose-200 bg-rose-50 px-3 py-1.5">
                <span className="font-mono text-xs font-semibold">{b.table}.{b.column}</span>{" "}
                <Badge tone={b.change === "added" ? "amber" : "blue"}>{b.change}</Badge> <span className="text-xs text-slate-700">{b.reason}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function DriftGatePanel({ schemaId, baseline }: { schemaId: string | undefined; baseline?: GateBaseline }) {
  const gate = useDriftGate(schemaId, baseline);
  return <QueryState query={gate}>{(g) => <DriftGateBody gate={g} />}</QueryState>;
}
