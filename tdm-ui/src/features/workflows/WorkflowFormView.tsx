import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

import type { StepName } from "../../api/client";
import { WORKFLOW_STEPS } from "../../api/enums";
import { synthetic, workflows } from "../../api/endpoints";
import type { DomainPack } from "../../api/client";
import { useConnections, useEnvironments } from "../../api/queries";
import { Button } from "../../components/Button";
import { Checkbox, SelectField, TextField } from "../../components/Field";
import { ProblemAlert } from "../../components/ProblemAlert";
import { hasErrors } from "../../lib/validation";
import { useSubmitJob } from "../shared/useSubmitJob";
import { toWorkflowRequest, validateWorkflow, type WorkflowField, type WorkflowForm } from "./workflowForm";

const STEP_LABELS: Record<StepName, string> = { discover_schema: "Discover", pii_classification: "PII", subsetting: "Subset", masking: "Mask", synthetic: "Synthetic", provisioning: "Provision" };

/** The server's domain packs; the chosen one stays listed while they load (or when the server has none). */
function packOptions(packs: DomainPack[] | undefined, chosen: string) {
  const names = (packs ?? []).map((p) => p.name);
  if (chosen && !names.includes(chosen)) names.unshift(chosen);
  return names.map((name) => ({ value: name, label: name }));
}

/** One form for both tabs: Quick Synthetic hides the database parts, Full Workflow shows them all. */
export function WorkflowFormView({ initial, quick, canRun }: { initial: WorkflowForm; quick: boolean; canRun: boolean }) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<WorkflowField, string>>>({});
  const connections = useConnections(!quick);
  const environments = useEnvironments();
  const packs = useQuery({ queryKey: ["domain-packs"], queryFn: synthetic.domainPacks, retry: false, staleTime: Infinity });
  const execute = useSubmitJob((f: WorkflowForm) => workflows.execute(toWorkflowRequest(f)));
  const set = (patch: Partial<WorkflowForm>) => setForm((f) => ({ ...f, ...patch }));
  // Rows are given for the pack's first (root) entity; related entities scale from it.
  const choosePack = (name: string) => set({ domainPack: name, rowsEntity: packs.data?.find((p) => p.name === name)?.entities[0] ?? form.rowsEntity });
  const toggle = (step: StepName) => set({ steps: form.steps.includes(step) ? form.steps.filter((s) => s !== step) : [...form.steps, step] });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateWorkflow(form);
    setErrors(found);
    if (!hasErrors(found)) execute.mutate(form);
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {!quick && (
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Operations</legend>
          <div className="mt-1 flex flex-wrap gap-2">
            {WORKFLOW_STEPS.map((step) => (
              <button key={step} type="button" aria-pressed={form.steps.includes(step)} onClick={() => toggle(step)}
                className={`rounded-full px-3 py-1 text-sm ring-1 ${form.steps.includes(step) ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-600 ring-slate-300 hover:bg-slate-50"}`}>
                {STEP_LABELS[step]}
              </button>
            ))}
          </div>
          {errors.steps && <p className="mt-1 text-xs font-medium text-rose-600">{errors.steps}</p>}
        </fieldset>
      )}
      <div className="grid gap-3 md:grid-cols-2">
        {!quick && <SelectField label="Source connection" value={form.connectionId} error={errors.connection} placeholder="Choose a connection" options={(connections.data ?? []).map((c) => ({ value: c.id, label: c.name }))} onChange={(e) => set({ connectionId: e.target.value })} />}
        {!quick && form.steps.includes("subsetting") && <TextField label="Subset root table" value={form.rootTable} placeholder="customers" onChange={(e) => set({ rootTable: e.target.value })} error={errors.rootTable} hint="The subset starts here and follows foreign keys." />}
        {!quick && form.steps.includes("subsetting") && <TextField label="Subset sampling %" inputMode="decimal" value={form.samplingPct} onChange={(e) => set({ samplingPct: e.target.value })} error={errors.sampling} />}
        {form.steps.includes("synthetic") && (
          <>
            <SelectField label="Domain pack" value={form.domainPack} placeholder="None" options={packOptions(packs.data, form.domainPack)} onChange={(e) => choosePack(e.target.value)} error={errors.sources} />
            <TextField label={form.rowsEntity ? `Synthetic rows of ${form.rowsEntity}` : "Synthetic rows"} inputMode="numeric" value={form.rows} onChange={(e) => set({ rows: e.target.value })} error={errors.rows} />
          </>
        )}
        {(!quick || form.steps.includes("provisioning")) && <SelectField label="Target environment" value={form.targetEnv} error={errors.env} placeholder="None" options={(environments.data ?? []).map((e) => ({ value: e.name, label: e.name }))} onChange={(e) => set({ targetEnv: e.target.value })} />}
        {!quick && form.steps.includes("provisioning") && <TextField label="Target schema (optional)" value={form.targetSchema} placeholder="qa_run_1" onChange={(e) => set({ targetSchema: e.target.value })} error={errors.targetSchema} />}
      </div>
      {form.steps.includes("synthetic") && <fieldset>
        <legend className="text-sm font-medium text-slate-700">Test-case URLs</legend>
        <div className="mt-1 space-y-2">
          {form.urls.map((url, i) => (
            <div key={i} className="flex gap-2">
              <label className="sr-only" htmlFor={`wf-url-${i}`}>Test-case URL {i + 1}</label>
              <input id={`wf-url-${i}`} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" placeholder="https://app.example.com/checkout" value={url} onChange={(e) => set({ urls: form.urls.map((u, j) => (j === i ? e.target.value : u)) })} />
              <Button variant="ghost" aria-label={`Remove URL ${i + 1}`} onClick={() => set({ urls: form.urls.filter((_, j) => j !== i) })}>Remove</Button>
            </div>
          ))}
          <Button variant="secondary" size="sm" onClick={() => set({ urls: [...form.urls, ""] })}>Add URL</Button>
          {errors.urls && <p className="text-xs font-medium text-rose-600">{errors.urls}</p>}
        </div>
      </fieldset>}
      {!quick && form.steps.includes("pii_classification") && <Checkbox label="Pause for PII approval" hint="The job waits after classification until someone approves it in the job monitor." checked={form.approvePii} onChange={(e) => set({ approvePii: e.target.checked })} />}
      <ProblemAlert error={execute.error} />
      {canRun && <Button type="submit" busy={execute.isPending}>{quick ? "Generate synthetic data" : "Execute workflow"}</Button>}
    </form>
  );
}
