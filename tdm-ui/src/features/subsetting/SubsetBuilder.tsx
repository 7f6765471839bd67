import { useMutation } from "@tanstack/react-query";
import { useState } from "react";

import type { SubsetRequest, TableMode } from "../../api/client";
import { subset } from "../../api/endpoints";
import { type SchemaSnapshot, tableKey } from "../../api/snapshot";
import type { ConnectionOut } from "../../api/client";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { Checkbox, FieldShell, SelectField, TextField } from "../../components/Field";
import { ProblemAlert } from "../../components/ProblemAlert";
import { hasErrors } from "../../lib/validation";
import { useSubmitJob } from "../shared/useSubmitJob";
import { FilterEditor } from "./FilterEditor";
import { PlanView } from "./PlanView";
import { EMPTY_FORM, type SubsetField, type SubsetForm, toSubsetRequest, validateSubset } from "./subsetForm";

interface Props {
  schemaVersionId: string;
  snapshot: SchemaSnapshot;
  connections: ConnectionOut[];
  defaultConnectionId: string | null;
  canRun: boolean;
}

/** The subset form: Plan shows the dry run; Run starts the job with exactly the planned request. */
export function SubsetBuilder({ schemaVersionId, snapshot, connections, defaultConnectionId, canRun }: Props) {
  const [form, setForm] = useState<SubsetForm>({ ...EMPTY_FORM, connectionId: defaultConnectionId ?? "" });
  const [errors, setErrors] = useState<Partial<Record<SubsetField, string>>>({});
  const [planned, setPlanned] = useState<string | null>(null);
  const set = (patch: Partial<SubsetForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setPlanned(null);
  };
  const plan = useMutation({ mutationFn: (request: SubsetRequest) => subset.plan(request), onSuccess: (_, request) => setPlanned(JSON.stringify(request)) });
  const run = useSubmitJob((request: SubsetRequest) => subset.run(request));
  const tables = snapshot.tables.filter((t) => t.kind === "table" || t.kind === "partitioned_table").filter((t) => !t.partition_of);
  const keysOf = tables.map((t) => tableKey(t.schema_name, t.name));
  const dateTable = tables.find((t) => tableKey(t.schema_name, t.name) === form.dateTable);
  const checked = (): SubsetRequest | null => {
    const found = validateSubset(form, snapshot);
    setErrors(found);
    return hasErrors(found) ? null : toSubsetRequest(form, schemaVersionId);
  };

  return (
    <div className="grid grid-cols-1 gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div className="space-y-4">
        <Card title="Source and targets">
          <div className="grid gap-3 md:grid-cols-2">
            <SelectField label="Connection" value={form.connectionId} placeholder="Choose a connection" options={connections.map((c) => ({ value: c.id, label: c.name }))} onChange={(e) => set({ connectionId: e.target.value })} error={errors.connection} />
            <FieldShell label="Target tables" error={errors.targets} hint="Ctrl/Cmd-click to pick several.">
              {({ id, describedBy, invalid }) => (
                <select id={id} multiple aria-describedby={describedBy} aria-invalid={invalid} className="block h-28 w-full rounded-md border border-slate-300 px-2 py-1 text-sm" value={form.targets} onChange={(e) => set({ targets: [...e.target.selectedOptions].map((o) => o.value) })}>
                  {keysOf.map((k) => <option key={k} value={k}>{k}</option>)}
                </select>
              )}
            </FieldShell>
          </div>
        </Card>
        <Card title="Filters">
          <FilterEditor rows={form.filters} onChange={(filters) => set({ filters })} snapshot={snapshot} />
          {errors.filters && <p className="mt-2 text-xs font-medium text-rose-600">{errors.filters}</p>}
        </Card>
        <Card title="Date range, limits and sampling">
          <div className="grid gap-3 md:grid-cols-2 lg:grid-cols-4">
            <SelectField label="Date table" value={form.dateTable} placeholder="None" options={keysOf.map((k) => ({ value: k, label: k }))} onChange={(e) => set({ dateTable: e.target.value, dateColumn: "" })} />
            <SelectField label="Date column" value={form.dateColumn} placeholder="Column" disabled={!dateTable} options={(dateTable?.columns ?? []).filter((c) => c.type_category === "date" || c.type_category === "timestamp").map((c) => ({ value: c.name, label: c.name }))} onChange={(e) => set({ dateColumn: e.target.value })} />
            <TextField label="From" type="date" value={form.dateStart} onChange={(e) => set({ dateStart: e.target.value })} />
            <TextField label="To" type="date" value={form.dateEnd} onChange={(e) => set({ dateEnd: e.target.value })} />
          </div>
          {errors.date && <p className="mt-1 text-xs font-medium text-rose-600">{errors.date}</p>}
          <div className="mt-3 grid gap-3 md:grid-cols-2 lg:grid-cols-4">
            <TextField label="Max rows per table" inputMode="numeric" value={form.maxRows} onChange={(e) => set({ maxRows: e.target.value })} error={errors.maxRows} hint="Never cuts parents needed for integrity." />
            <TextField label="Sampling %" inputMode="decimal" value={form.samplingPct} onChange={(e) => set({ samplingPct: e.target.value })} error={errors.sampling} />
            <TextField label="Seed" inputMode="numeric" value={form.seed} onChange={(e) => set({ seed: e.target.value })} error={errors.seed} hint="Same seed, same subset." />
            <TextField label="Max depth" inputMode="numeric" value={form.maxDepth} onChange={(e) => set({ maxDepth: e.target.value })} error={errors.maxDepth} />
          </div>
          <div className="mt-3 grid gap-3 md:grid-cols-2 lg:grid-cols-4">
            <TextField label="Children of parents (depth)" inputMode="numeric" value={form.childrenOfParents} onChange={(e) => set({ childrenOfParents: e.target.value })} error={errors.childrenOfParents} hint="Rows pulled in as parents bring their own children this many hops down; 0 brings none." />
          </div>
          <div className="mt-3">
            <Checkbox label="Cut nullable foreign keys" hint="Parents reached only through nullable keys are left out; the key becomes NULL." checked={form.cutNullable} onChange={(e) => set({ cutNullable: e.target.checked })} />
          </div>
        </Card>
        <Card title="Per-table mode">
          <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {keysOf.map((k) => (
              <SelectField key={k} label={k} value={form.modes[k] ?? "subset"} options={[{ value: "subset", label: "subset" }, { value: "full", label: "full copy (lookup)" }, { value: "skip", label: "skip" }]} onChange={(e) => set({ modes: { ...form.modes, [k]: e.target.value as TableMode } })} />
            ))}
          </div>
        </Card>
      </div>
      <div className="space-y-4">
        <Card title="Plan, then run">
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" busy={plan.isPending} onClick={() => { const r = checked(); if (r) plan.mutate(r); }}>Plan (dry run)</Button>
            {canRun && (
              <Button busy={run.isPending} disabled={!planned} title={planned ? undefined : "Plan first"} onClick={() => planned && run.mutate(JSON.parse(planned) as SubsetRequest)}>
                Run subset
              </Button>
            )}
          </div>
          {!planned && <p className="mt-2 text-xs text-slate-500">Run becomes available once the current settings are planned.</p>}
          <div className="mt-3 space-y-3">
            {hasErrors(errors) && <p role="alert" className="text-sm text-rose-700">Some settings need attention (marked in red).</p>}
            <ProblemAlert error={plan.error ?? run.error} />
            {plan.data && planned && <PlanView plan={plan.data} />}
          </div>
        </Card>
      </div>
    </div>
  );
}
