import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";

import type { RuleSet, SuggestedRules } from "../../api/client";
import type { RuleEntry, RuleMapping } from "../../api/freeform";
import { useEndpointAvailable } from "../../api/capabilities";
import { masking, pii } from "../../api/endpoints";
import { useSchemaDetail } from "../../api/queries";
import { usePermissions } from "../../auth/AuthProvider";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Card, PageHeader } from "../../components/Card";
import { SelectField, TextField } from "../../components/Field";
import { NotAvailable, ProblemAlert } from "../../components/ProblemAlert";
import { Empty, Loading } from "../../components/States";
import { DriftGatePanel } from "../schema_discovery/DriftGatePanel";
import { NO_SCHEMA, SchemaVersionPicker } from "../shared/SchemaVersionPicker";
import { ReadOnlyNotice } from "../shared/ReadOnlyNotice";
import { checkRuleSetName, cleanRules, mergeSuggested, toRuleEntries, validateRules } from "./maskingRules";
import { MaskPreviewPanel } from "./MaskPreviewPanel";
import { RuleEditor } from "./RuleEditor";
import { RunMaskPanel } from "./RunMaskPanel";
import { SavedRuleSets } from "./SavedRuleSets";
import { SuggestionNotice } from "./SuggestionNotice";

function useRuleSets(versionId: string | null) {
  return useQuery({
    queryKey: ["rule-sets"],
    queryFn: () => masking.ruleSets(),
    retry: false,
    // Rule sets checked against another schema version would fail this one's checks.
    select: (list: RuleSet[]) => list.filter((r) => !r.schema_version_id || r.schema_version_id === versionId),
  });
}

export function MaskingPage() {
  const { canRun } = usePermissions();
  const available = useEndpointAvailable("get", "/rules/masking/transformers");
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState(NO_SCHEMA);
  const [rules, setRules] = useState<RuleEntry[]>([]);
  const [name, setName] = useState("");
  const [unknownColumns, setUnknownColumns] = useState<"fail" | "mask_default">("fail");
  const [nameError, setNameError] = useState<string | undefined>();
  const [saved, setSaved] = useState<RuleSet | null>(null);
  const [suggestion, setSuggestion] = useState<{ suggested: SuggestedRules; added: number } | null>(null);
  const detail = useSchemaDetail(choice.schemaId || undefined, choice.versionNumber ?? undefined);
  const transformers = useQuery({ queryKey: ["transformers"], queryFn: masking.transformers, staleTime: Infinity, retry: false });
  const ruleSets = useRuleSets(choice.versionId);
  const suggest = useMutation({
    mutationFn: () => pii.suggestedRules(choice.versionId ?? ""),
    onSuccess: (suggested) => {
      const merged = mergeSuggested(rules, suggested.rules as RuleMapping);
      setSuggestion({ suggested, added: merged.length - rules.length });
      edit(merged);
    },
  });
  const save = useMutation({
    mutationFn: () => masking.saveRuleSet({ name: name.trim(), schema_version_id: choice.versionId, rules: cleanRules(rules), unknown_columns: unknownColumns }),
    onSuccess: async (set) => {
      setSaved(set);
      await queryClient.invalidateQueries({ queryKey: ["rule-sets"] });
    },
  });
  const problems = useMemo(
    () => (detail.data && transformers.data ? validateRules(rules, detail.data.parsed, transformers.data) : new Map<number, string[]>()),
    [rules, detail.data, transformers.data],
  );
  function edit(next: RuleEntry[]) {
    setRules(next);
    setSaved(null);
  }
  const loadRuleSet = (id: string) => {
    const set = ruleSets.data?.find((r) => r.id === id);
    if (set) {
      setRules(toRuleEntries(set.rules));
      setName(set.name);
      setSaved(set);
    }
  };
  const submitSave = () => {
    const problem = checkRuleSetName(name) ?? (rules.length === 0 ? "Add at least one rule." : problems.size ? "Fix the rules marked in red first." : undefined);
    setNameError(problem);
    if (!problem) save.mutate();
  };

  if (!available) {
    return (
      <>
        <PageHeader title="Masking rule builder" />
        <NotAvailable feature="The masking rule builder" />
      </>
    );
  }
  return (
    <>
      <PageHeader title="Masking rule builder" description="Deterministic, format-preserving rules per column; saved as versioned rule sets." />
      <Card className="mb-4">
        <SchemaVersionPicker value={choice} onChange={(c) => { setChoice(c); setRules([]); setSaved(null); setSuggestion(null); }} />
        {!canRun && <div className="mt-3"><ReadOnlyNotice action="save rule sets or run masking" /></div>}
      </Card>
      {!choice.versionId ? (
        <Empty title="Choose a schema version">Rules are checked against its tables and column types.</Empty>
      ) : detail.isPending || transformers.isPending ? (
        <Loading />
      ) : detail.error || transformers.error ? (
        <ProblemAlert error={detail.error ?? transformers.error} />
      ) : (
        <div className="grid grid-cols-1 gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <Card
            title={<span className="flex items-center gap-2">Rules <Badge>{rules.length}</Badge>{problems.size > 0 && <Badge tone="red">{problems.size} to fix</Badge>}</span>}
            actions={
              canRun && (
                <>
                  {(ruleSets.data?.length ?? 0) > 0 && (
                    <SelectField label="Load rule set" className="w-52" value="" placeholder="Saved rule sets…" options={(ruleSets.data ?? []).map((r) => ({ value: r.id, label: `${r.name} v${r.version}` }))} onChange={(e) => loadRuleSet(e.target.value)} />
                  )}
                  <Button variant="secondary" busy={suggest.isPending} onClick={() => suggest.mutate()}>Start from suggested rules</Button>
                </>
              )
            }
          >
            <div className="mb-3 space-y-2">
              <ProblemAlert error={suggest.error} />
              {suggestion && <SuggestionNotice suggested={suggestion.suggested} added={suggestion.added} />}
            </div>
            {detail.data && transformers.data && <RuleEditor rules={rules} onChange={edit} snapshot={detail.data.parsed} transformers={transformers.data} problems={problems} readOnly={!canRun} />}
          </Card>
          <div className="space-y-4">
            {canRun && (  // the preview endpoint needs the operator role
              <Card title="Live preview">
                <MaskPreviewPanel schemaVersionId={choice.versionId} datasetVersionId={null} rules={rules} valid={problems.size === 0} />
              </Card>
            )}
            {canRun && (
              <Card title="Save rule set">
                <div className="space-y-3">
                  <TextField label="Rule set name" value={name} onChange={(e) => setName(e.target.value)} error={nameError} hint="Saving under an existing name creates its next version." />
                  <SelectField
                    label="Unknown personal columns"
                    value={unknownColumns}
                    options={[{ value: "fail", label: "Fail the mask job (privacy by default)" }, { value: "mask_default", label: "Mask them with the suggested rule" }]}
                    onChange={(e) => setUnknownColumns(e.target.value === "mask_default" ? "mask_default" : "fail")}
                  />
                  <ProblemAlert error={save.error} />
                  {saved && save.data?.id === saved.id && <p role="status" className="text-sm text-emerald-700">Saved as {saved.name} v{saved.version}.</p>}
                  <Button busy={save.isPending} onClick={submitSave}>Save rule set</Button>
                </div>
              </Card>
            )}
            <Card title="Schema drift gate">
              <DriftGatePanel schemaId={choice.schemaId || undefined} baseline={saved ? { ruleSetId: saved.id } : { fromVersion: choice.versionNumber }} />
            </Card>
            {canRun && (
              <Card title="Mask a dataset">
                <RunMaskPanel schemaVersionId={choice.versionId} savedRuleSet={saved && { id: saved.id, label: `${saved.name} v${saved.version}` }} rules={rules} valid={problems.size === 0} />
              </Card>
            )}
            <Card title="Saved rule sets"><SavedRuleSets query={ruleSets} /></Card>
          </div>
        </div>
      )}
    </>
  );
}
