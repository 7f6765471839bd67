import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import type { MaskRuleEntry } from "../../api/client";
import type { RuleEntry } from "../../api/freeform";
import { masking } from "../../api/endpoints";
import { SelectField } from "../../components/Field";
import { Empty, QueryState } from "../../components/States";
import { cleanRules, toRuleEntries } from "./maskingRules";
import { PreviewTable } from "./PreviewTable";

interface Props {
  schemaVersionId: string;
  datasetVersionId: string | null;
  rules: RuleEntry[];
  valid: boolean;
}

function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return current;
}

/** Live preview: a few source rows through the current rules, refreshed as the rules change. */
export function MaskPreviewPanel({ schemaVersionId, datasetVersionId, rules, valid }: Props) {
  const tables = [...new Set(rules.filter((r) => r.table && r.column && r.type).map((r) => r.table))];
  const [table, setTable] = useState("");
  const chosen = tables.includes(table) ? table : (tables[0] ?? "");
  const tableRules = cleanRules(rules.filter((r) => r.table === chosen && r.column && r.type));
  const debounced = useDebounced(JSON.stringify(tableRules), 500);
  const preview = useQuery({
    queryKey: ["mask-preview", schemaVersionId, datasetVersionId, chosen, debounced],
    enabled: valid && Boolean(chosen) && tableRules.length > 0,
    retry: false,
    // Without a dataset version the API samples the schema's source database.
    queryFn: () => masking.preview({ schema_version_id: datasetVersionId ? null : schemaVersionId, dataset_version_id: datasetVersionId, table: chosen, rules: JSON.parse(debounced) as MaskRuleEntry[], limit: 5 }),
  });
  if (tables.length === 0) return <Empty title="Nothing to preview">Add a rule to see masked sample rows.</Empty>;
  return (
    <div className="space-y-3">
      <SelectField label="Table" className="max-w-xs" value={chosen} options={tables.map((t) => ({ value: t, label: t }))} onChange={(e) => setTable(e.target.value)} />
      {!valid ? (
        <p className="text-sm text-amber-700">Fix the rules marked in red to see a preview.</p>
      ) : (
        <QueryState query={preview} feature="Masking preview" empty={(p) => p.after.length === 0} emptyTitle="The table has no rows to preview">
          {(p) => (
            <>
              <PreviewTable columns={p.columns} before={p.before} after={p.after} changed={new Set(toRuleEntries(p.rules).map((r) => r.column))} />
              <p className="mt-2 text-xs text-slate-500">Masked with key <span className="font-mono">{p.key_id}</span>; the same input always gives the same output.</p>
            </>
          )}
        </QueryState>
      )}
    </div>
  );
}
