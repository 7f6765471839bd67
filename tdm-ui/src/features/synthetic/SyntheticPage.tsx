import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";

import type { SyntheticPreview } from "../../api/client";
import { useEndpointAvailable } from "../../api/capabilities";
import { datasets, synthetic } from "../../api/endpoints";
import { usePermissions } from "../../auth/AuthProvider";
import { Button } from "../../components/Button";
import { Card, PageHeader } from "../../components/Card";
import { SelectField, TextField } from "../../components/Field";
import { NotAvailable, ProblemAlert } from "../../components/ProblemAlert";
import { hasErrors } from "../../lib/validation";
import { formatDate, shortId } from "../../lib/format";
import { NO_SCHEMA, SchemaVersionPicker } from "../shared/SchemaVersionPicker";
import { ReadOnlyNotice } from "../shared/ReadOnlyNotice";
import { useSubmitJob } from "../shared/useSubmitJob";
import { PreviewTables } from "./PreviewTables";
import { SourcesFields } from "./SourcesFields";
import { EMPTY_SYNTHETIC, type SyntheticField, type SyntheticForm, toSyntheticRequest, validateSynthetic, withDomainPack } from "./syntheticForm";
import { SyntheticQuality } from "./SyntheticQuality";

export function SyntheticPage() {
  const { canRun } = usePermissions();
  const available = useEndpointAvailable("post", "/synthetic");
  const [form, setForm] = useState<SyntheticForm>(EMPTY_SYNTHETIC);
  const [schemaChoice, setSchemaChoice] = useState(NO_SCHEMA);
  const [errors, setErrors] = useState<Partial<Record<SyntheticField, string>>>({});
  const [newEntity, setNewEntity] = useState("");
  const set = (patch: Partial<SyntheticForm>) => setForm((f) => ({ ...f, ...patch }));
  const packs = useQuery({ queryKey: ["domain-packs"], queryFn: synthetic.domainPacks, retry: false, staleTime: Infinity });
  // Only complete versions can be learned from (the API answers 409 for the others).
  const training = useQuery({ queryKey: ["datasets", "training"], enabled: form.engine === "sdv", queryFn: () => datasets.list({ status: "ready", limit: 100 }), retry: false });
  const preview = useMutation({ mutationFn: (f: SyntheticForm) => synthetic.preview(toSyntheticRequest(f)) });
  const run = useSubmitJob((f: SyntheticForm) => synthetic.run(toSyntheticRequest(f)));
  const pack = packs.data?.find((p) => p.name === form.domainPack);
  const entities = [...new Set([...(pack?.entities ?? []), ...Object.keys(form.rowCounts)])];
  const trainingSchemaVersionId = training.data?.items.find((d) => d.id === form.trainingDatasetId)?.schema_version_id ?? null;
  const checked = (forPreview: boolean): SyntheticForm | null => {
    const full = { ...form, schemaVersionId: schemaChoice.versionId };
    const found = validateSynthetic(full, { preview: forPreview, trainingSchemaVersionId });
    setErrors(found);
    return hasErrors(found) ? null : full;
  };

  if (!available) {
    return (<><PageHeader title="Synthetic data generator" /><NotAvailable feature="Synthetic generation" /></>);
  }
  return (
    <>
      <PageHeader title="Synthetic data generator" description="Invent realistic, FK-consistent data from domain packs, schemas, API specs, UI pages and test cases." />
      {!canRun && <div className="mb-4"><ReadOnlyNotice action="preview or generate data" /></div>}
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-4">
          <Card title="Domain and schema">
            <div className="grid gap-3 md:grid-cols-2">
              <SelectField label="Domain pack" value={form.domainPack} placeholder={packs.isPending ? "Loading…" : "None"} options={(packs.data ?? []).map((p) => ({ value: p.name, label: p.name }))} onChange={(e) => setForm((f) => withDomainPack(f, e.target.value, packs.data ?? []))} hint={pack?.description ?? undefined} />
              <SelectField label="Scenario" value={form.scenario} options={(pack?.scenarios ?? ["default", "edge_cases"]).map((s) => ({ value: s, label: s.replace("_", " ") }))} onChange={(e) => set({ scenario: e.target.value })} />
            </div>
            <p className="mt-3 text-xs font-medium uppercase tracking-wide text-slate-500">Shape from a discovered schema (optional)</p>
            <div className="mt-1"><SchemaVersionPicker value={schemaChoice} onChange={setSchemaChoice} /></div>
            {errors.sources && <p className="mt-2 text-xs font-medium text-rose-600">{errors.sources}</p>}
          </Card>
          <Card title="More sources"><SourcesFields form={form} set={set} errors={errors} /></Card>
          <Card title="Row counts">
            <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
              {entities.map((entity) => (
                <TextField key={entity} label={entity} inputMode="numeric" placeholder="default" value={form.rowCounts[entity] ?? ""} onChange={(e) => set({ rowCounts: { ...form.rowCounts, [entity]: e.target.value } })} />
              ))}
            </div>
            <div className="mt-3 flex items-end gap-2">
              <TextField label="Add an entity" value={newEntity} onChange={(e) => setNewEntity(e.target.value)} placeholder="customer" />
              <Button variant="secondary" disabled={!newEntity.trim()} onClick={() => { set({ rowCounts: { ...form.rowCounts, [newEntity.trim()]: "100" } }); setNewEntity(""); }}>Add</Button>
            </div>
            {errors.rowCounts && <p className="mt-2 text-xs font-medium text-rose-600">{errors.rowCounts}</p>}
          </Card>
          <Card title="Engine">
            <div className="grid gap-3 md:grid-cols-2 lg:grid-cols-4">
              <SelectField label="Engine" value={form.engine} options={[{ value: "rules", label: "Rules (no training data)" }, { value: "sdv", label: "Learned (SDV)" }]} onChange={(e) => set({ engine: e.target.value as "rules" | "sdv" })} />
              {form.engine === "sdv" && (
                <SelectField label="Training dataset" value={form.trainingDatasetId} placeholder="Choose a dataset" error={errors.training} options={(training.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.source_type} · ${d.name ?? shortId(d.id)} · ${formatDate(d.created_at)}` }))} onChange={(e) => set({ trainingDatasetId: e.target.value })} />
              )}
              <TextField label="Seed" inputMode="numeric" value={form.seed} onChange={(e) => set({ seed: e.target.value })} error={errors.seed} />
              <TextField label="Locale" value={form.locale} onChange={(e) => set({ locale: e.target.value })} error={errors.locale} />
            </div>
          </Card>
        </div>
        <div className="space-y-4">
          <Card title="Preview and generate">
            <div className="flex flex-wrap gap-2">
              {/* The preview, like a job, needs the operator role. */}
              {canRun && <Button variant="secondary" busy={preview.isPending} onClick={() => { const f = checked(true); if (f) preview.mutate(f); }}>Preview rows</Button>}
              {canRun && <Button busy={run.isPending} onClick={() => { const f = checked(false); if (f) run.mutate(f); }}>Generate dataset</Button>}
            </div>
            <div className="mt-3 space-y-3">
              <ProblemAlert error={preview.error ?? run.error ?? packs.error} />
              {preview.data && <PreviewTables preview={preview.data as SyntheticPreview} />}
            </div>
          </Card>
          <Card title="Real vs synthetic"><SyntheticQuality /></Card>
        </div>
      </div>
    </>
  );
}
