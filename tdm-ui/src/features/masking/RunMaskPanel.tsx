import { useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { datasets, masking } from "../../api/endpoints";
import type { RuleEntry } from "../../api/freeform";
import { Button } from "../../components/Button";
import { SelectField } from "../../components/Field";
import { ProblemAlert } from "../../components/ProblemAlert";
import { formatDate, shortId } from "../../lib/format";
import { useSubmitJob } from "../shared/useSubmitJob";
import { maskRunProblem, type RuleSource, toMaskRequest } from "./maskingRules";

interface Props {
  schemaVersionId: string;
  savedRuleSet: { id: string; label: string } | null;
  rules: RuleEntry[];
  valid: boolean;
}

const SOURCE_HINTS: Record<RuleSource, string> = {
  screen: "Runs the rules on screen without saving them.",
  saved: "Runs the saved rule set, recorded in the dataset's lineage.",
  suggested: "Runs the rules the reviewed PII classification suggests, fitted to each column's type.",
};

/** Mask a subset of this schema version with the rules on screen, a saved rule set or the suggested rules. */
export function RunMaskPanel({ schemaVersionId, savedRuleSet, rules, valid }: Props) {
  const [datasetId, setDatasetId] = useState("");
  const [chosenSource, setSource] = useState<RuleSource>("screen");
  const [error, setError] = useState<string | null>(null);
  const source: RuleSource = chosenSource === "saved" && !savedRuleSet ? "screen" : chosenSource;
  const candidates = useQuery({
    queryKey: ["datasets", { schema_version_id: schemaVersionId, source_type: "subset" }],
    queryFn: () => datasets.list({ schema_version_id: schemaVersionId, source_type: "subset", status: "ready", limit: 100 }),
    retry: false,
  });
  const run = useSubmitJob(() => masking.run(toMaskRequest(datasetId, source, savedRuleSet?.id ?? null, rules)));
  const submit = () => {
    const problem = maskRunProblem(datasetId, source, rules.length, valid);
    setError(problem);
    if (!problem) run.mutate(undefined);
  };
  const sources = [
    { value: "screen", label: `Rules on screen (${rules.length})` },
    ...(savedRuleSet ? [{ value: "saved", label: `Saved rule set ${savedRuleSet.label}` }] : []),
    { value: "suggested", label: "Suggested rules from the PII review" },
  ];
  return (
    <div className="space-y-3">
      <SelectField
        label="Dataset version to mask"
        value={datasetId}
        placeholder={candidates.isPending ? "Loading…" : candidates.data?.items.length ? "Choose a subset" : "No subsets of this schema version"}
        options={(candidates.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.name ?? shortId(d.id)} · ${formatDate(d.created_at)}` }))}
        onChange={(e) => setDatasetId(e.target.value)}
        error={error}
      />
      <SelectField label="Rules to apply" value={source} options={sources} onChange={(e) => setSource(e.target.value as RuleSource)} hint={SOURCE_HINTS[source]} />
      <ProblemAlert error={candidates.error ?? run.error} />
      <Button busy={run.isPending} onClick={submit}>Run masking</Button>
    </div>
  );
}
