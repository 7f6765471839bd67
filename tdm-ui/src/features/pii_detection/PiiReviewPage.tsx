import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { pii } from "../../api/endpoints";
import { useSchemaDetail } from "../../api/queries";
import { useEndpointAvailable } from "../../api/capabilities";
import { usePermissions } from "../../auth/AuthProvider";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Card, PageHeader } from "../../components/Card";
import { Checkbox, TextField } from "../../components/Field";
import { NotAvailable, ProblemAlert } from "../../components/ProblemAlert";
import { Empty, QueryState } from "../../components/States";
import { checkIntegerInRange } from "../../lib/validation";
import { NO_SCHEMA, SchemaVersionPicker } from "../shared/SchemaVersionPicker";
import { ReadOnlyNotice } from "../shared/ReadOnlyNotice";
import { useSubmitJob } from "../shared/useSubmitJob";
import { PiiReviewRow } from "./PiiReviewRow";
import { type Decisions, decisionProblems, reviewRows, toReviews } from "./reviewState";
import { isPii } from "./usePiiFindings";
import { usePiiFindings } from "./usePiiFindings";

function ClassifyForm({ versionId }: { versionId: string }) {
  const [useLlm, setUseLlm] = useState(false);
  const [sample, setSample] = useState("100");
  const error = checkIntegerInRange(sample, 1, 100_000, "Sample size");
  const classify = useSubmitJob(() => pii.classify({ schema_version_id: versionId, use_llm: useLlm, sample_size_per_column: Number(sample || 100) }));
  return (
    <div className="flex flex-wrap items-end gap-4">
      <TextField label="Values sampled per column" className="w-56" inputMode="numeric" value={sample} onChange={(e) => setSample(e.target.value)} error={error} />
      <Checkbox label="Ask the language model too" hint="Sends column names and value shapes, never values." checked={useLlm} onChange={(e) => setUseLlm(e.target.checked)} />
      <Button busy={classify.isPending} disabled={Boolean(error)} onClick={() => classify.mutate(undefined)}>Classify PII</Button>
      <div className="basis-full"><ProblemAlert error={classify.error} /></div>
    </div>
  );
}

export function PiiReviewPage() {
  const { canRun } = usePermissions();
  const available = useEndpointAvailable("get", "/pii/{schema_version_id}");
  const [choice, setChoice] = useState(NO_SCHEMA);
  const [onlyPii, setOnlyPii] = useState(true);
  const [decisions, setDecisions] = useState<Decisions>({});
  const [problems, setProblems] = useState<string[]>([]);
  const detail = useSchemaDetail(choice.schemaId || undefined, choice.versionNumber ?? undefined);
  const { query, byColumn } = usePiiFindings(choice.versionId);
  const queryClient = useQueryClient();
  const rows = detail.data ? reviewRows(detail.data.parsed.tables, byColumn, onlyPii) : [];
  const save = useMutation({
    mutationFn: () => pii.review(choice.versionId ?? "", toReviews(rows, decisions)),
    onSuccess: async () => {
      setDecisions({});
      await queryClient.invalidateQueries({ queryKey: ["pii", choice.versionId] });
    },
  });
  const submit = () => {
    const found = decisionProblems(decisions);
    setProblems(found);
    if (found.length === 0) save.mutate();
  };
  const pending = Object.keys(decisions).length;

  return (
    <>
      <PageHeader title="PII review" description="Confirm, reject or correct what classification found. Reviews carry into later schema versions." />
      {!available && <div className="mb-4"><NotAvailable feature="PII review" /></div>}
      <Card className="mb-4">
        <SchemaVersionPicker value={choice} onChange={(c) => { setChoice(c); setDecisions({}); }} />
        {choice.versionId && canRun && available && <div className="mt-4 border-t border-slate-100 pt-4"><ClassifyForm versionId={choice.versionId} /></div>}
        {!canRun && <div className="mt-3"><ReadOnlyNotice action="classify or review PII" /></div>}
      </Card>
      {!choice.versionId ? (
        <Empty title="Choose a schema version">Its PII map appears here.</Empty>
      ) : (
        <Card
          title={<span className="flex items-center gap-2">Columns {query.data && <Badge tone="red">{[...byColumn.values()].filter(isPii).length} PII</Badge>}</span>}
          actions={
            <>
              <Checkbox label="Only flagged or reviewed columns" checked={onlyPii} onChange={(e) => setOnlyPii(e.target.checked)} />
              {canRun && <Button disabled={pending === 0} busy={save.isPending} onClick={submit}>Save {pending || ""} review{pending === 1 ? "" : "s"}</Button>}
            </>
          }
        >
          {problems.length > 0 && <ul role="alert" className="mb-3 list-disc rounded-md bg-rose-50 p-3 pl-8 text-sm text-rose-800">{problems.map((p) => <li key={p}>{p}</li>)}</ul>}
          <div className="mb-3"><ProblemAlert error={save.error} /></div>
          <QueryState query={query} feature="PII review" empty={() => rows.length === 0} emptyTitle={onlyPii ? "No PII found" : "No columns"} emptyHint="Run a classification, or show all columns to flag one by hand.">
            {() => (
              <div className="overflow-x-auto">
                <table className="w-full min-w-[48rem] text-left text-sm">
                  <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
                    <tr>
                      <th className="py-2 pr-3 font-medium">Column</th>
                      <th className="py-2 pr-3 font-medium">Classified as</th>
                      <th className="py-2 pr-3 font-medium">Review</th>
                      <th className="py-2 pr-3 font-medium">Evidence</th>
                      <th className="py-2 font-medium">Decision</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {rows.map((row) => (
                      <PiiReviewRow key={row.id} row={row} readOnly={!canRun} decision={decisions[row.id]} onChange={(d) => setDecisions((all) => { const next = { ...all }; if (d) next[row.id] = d; else delete next[row.id]; return next; })} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </QueryState>
        </Card>
      )}
    </>
  );
}
