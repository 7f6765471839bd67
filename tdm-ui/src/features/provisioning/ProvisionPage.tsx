import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";

import { useEndpointAvailable } from "../../api/capabilities";
import type { ProvisionMode } from "../../api/client";
import { PROVISION_MODES } from "../../api/enums";
import { datasets, provisioning } from "../../api/endpoints";
import { useEnvironments, useJobs } from "../../api/queries";
import { usePermissions } from "../../auth/AuthProvider";
import { StatusBadge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Card, PageHeader } from "../../components/Card";
import { Checkbox, SelectField, TextField } from "../../components/Field";
import { NotAvailable, ProblemAlert } from "../../components/ProblemAlert";
import { QueryState } from "../../components/States";
import { formatDate, shortId } from "../../lib/format";
import { checkIntegerInRange, type Errors, hasErrors, SQL_IDENTIFIER } from "../../lib/validation";
import { ReadOnlyNotice } from "../shared/ReadOnlyNotice";
import { useSubmitJob } from "../shared/useSubmitJob";
import { ProvisionResults } from "./ProvisionResults";

const UNMASKED = new Set(["subset", "imported"]);

function ProvisionForm() {
  const [params] = useSearchParams();
  const environments = useEnvironments();
  const candidates = useQuery({ queryKey: ["datasets", "provisionable"], queryFn: () => datasets.list({ limit: 100 }), retry: false });
  const [datasetId, setDatasetId] = useState(params.get("dataset") ?? "");
  const [env, setEnv] = useState("");
  const [mode, setMode] = useState<ProvisionMode>("truncate");
  const [reset, setReset] = useState(true);
  const [smoke, setSmoke] = useState(true);
  const [targetSchema, setTargetSchema] = useState("");
  const [ttl, setTtl] = useState("");
  const [override, setOverride] = useState(false);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Errors<"dataset" | "env" | "schema" | "ttl" | "reason">>({});
  const dataset = candidates.data?.items.find((d) => d.id === datasetId);
  const environment = environments.data?.find((e) => e.name === env);
  // Unmasked rows into a non-production environment need an explicit, audited override (the API checks it too).
  const needsOverride = Boolean(dataset && environment && UNMASKED.has(dataset.source_type) && (environment.config as { tier?: string }).tier !== "production");
  const run = useSubmitJob(() =>
    provisioning.run({
      dataset_version_id: datasetId, target_env: env, reset_env: reset, run_smoke_tests: smoke, mode, target_schema: targetSchema || null, ttl_hours: ttl ? Number(ttl) : null,
      ...(needsOverride && override ? { allow_unmasked: true, override_reason: reason.trim() } : {}),
    }),
  );
  const submit = () => {
    const found = {
      dataset: datasetId ? undefined : "Choose a dataset version.",
      env: env ? undefined : "Choose an environment.",
      schema: !targetSchema || SQL_IDENTIFIER.test(targetSchema) ? undefined : "A schema name: letters, digits and '_'.",
      ttl: ttl && !targetSchema ? "A time to live applies to an ephemeral target schema." : checkIntegerInRange(ttl, 1, 24 * 365, "Hours"),
      reason: needsOverride && override && reason.trim().length < 10 ? "Say why (at least 10 characters); it goes into the audit log." : undefined,
    };
    setErrors(found);
    if (!hasErrors(found)) run.mutate(undefined);
  };
  return (
    <div className="space-y-3">
      <div className="grid gap-3 md:grid-cols-2">
        <SelectField label="Dataset version" value={datasetId} error={errors.dataset} placeholder={candidates.isPending ? "Loading…" : "Choose a dataset"} options={(candidates.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.source_type} · ${d.name ?? shortId(d.id)} · ${formatDate(d.created_at)}` }))} onChange={(e) => setDatasetId(e.target.value)} />
        <SelectField label="Environment" value={env} error={errors.env} placeholder="Choose an environment" options={(environments.data ?? []).map((e) => ({ value: e.name, label: `${e.name}${(e.config as { protected?: boolean }).protected ? " (protected)" : ""}` }))} onChange={(e) => setEnv(e.target.value)} />
        <SelectField label="Load mode" value={mode} options={PROVISION_MODES.map((m) => ({ value: m, label: m.replace("_", " ") }))} onChange={(e) => setMode(e.target.value as ProvisionMode)} />
        <TextField label="Target schema (optional)" value={targetSchema} onChange={(e) => setTargetSchema(e.target.value)} error={errors.schema} placeholder="ci_1234" hint="Created on demand, e.g. an ephemeral schema per CI run." />
        <TextField label="Drop after (hours)" inputMode="numeric" value={ttl} onChange={(e) => setTtl(e.target.value)} error={errors.ttl} />
      </div>
      <div className="flex flex-wrap gap-6">
        <Checkbox label="Reset the environment first" checked={reset} onChange={(e) => setReset(e.target.checked)} />
        <Checkbox label="Run smoke tests" hint="Row counts, foreign keys, unique keys, the environment's own queries." checked={smoke} onChange={(e) => setSmoke(e.target.checked)} />
      </div>
      {needsOverride && (
        <div role="note" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <p>This dataset is not masked and {env} is a non-production environment. Mask it first, or override (audited).</p>
          <Checkbox label="Load unmasked data anyway" checked={override} onChange={(e) => setOverride(e.target.checked)} />
          {override && <TextField label="Reason for the override" value={reason} onChange={(e) => setReason(e.target.value)} error={errors.reason} maxLength={500} />}
        </div>
      )}
      <ProblemAlert error={run.error ?? candidates.error} />
      <Button busy={run.isPending} onClick={submit}>Provision</Button>
    </div>
  );
}

export function ProvisionPage() {
  const { canRun } = usePermissions();
  const available = useEndpointAvailable("post", "/provision");
  const recent = useJobs({ operations: ["TDM_PROVISION_ONLY"], limit: 10 });
  return (
    <>
      <PageHeader title="Provisioning console" description="Load a dataset version into a test environment, atomically, with smoke tests." />
      {!available ? (
        <div className="mb-4"><NotAvailable feature="Provisioning" /></div>
      ) : canRun ? (
        <Card title="Provision a dataset" className="mb-4"><ProvisionForm /></Card>
      ) : (
        <div className="mb-4"><ReadOnlyNotice action="provision environments" /></div>
      )}
      <Card title="Recent provisioning runs">
        <QueryState query={recent} empty={(p) => p.items.length === 0} emptyTitle="No provisioning runs yet">
          {(page) => (
            <ul className="divide-y divide-slate-100">
              {page.items.map((job) => (
                <li key={job.id} className="py-3">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <Link to={`/jobs/${job.id}`} className="font-mono text-xs text-indigo-600 hover:underline">{shortId(job.id)}</Link>
                    <span className="flex items-center gap-2 text-xs text-slate-500">{formatDate(job.finished_at ?? job.created_at)} <StatusBadge status={job.status} /></span>
                  </div>
                  {job.status === "succeeded" && <ProvisionResults jobId={job.id} />}
                  {job.error && <p className="mt-1 text-xs text-rose-600">{job.error}</p>}
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </Card>
    </>
  );
}

