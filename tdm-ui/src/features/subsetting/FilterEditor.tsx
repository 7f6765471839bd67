import type { FilterOp } from "../../api/client";
import { FILTER_OPS } from "../../api/enums";
import { type SchemaSnapshot, tableKey } from "../../api/snapshot";
import { Button } from "../../components/Button";
import { SelectField, TextField } from "../../components/Field";
import type { FilterRow } from "./subsetForm";

const VALUE_HINT: Partial<Record<FilterOp, string>> = {
  in: "Comma-separated values",
  not_in: "Comma-separated values",
  between: "low, high",
  like: "Pattern with % and _",
  ilike: "Pattern with % and _ (any case)",
};

/** Structured filters: table, column, operator, value. Values are bound by the server, never spliced. */
export function FilterEditor({ rows, onChange, snapshot }: { rows: FilterRow[]; onChange: (rows: FilterRow[]) => void; snapshot: SchemaSnapshot }) {
  const tables = snapshot.tables.filter((t) => !t.partition_of && t.kind !== "view");
  const update = (i: number, patch: Partial<FilterRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="space-y-3">
      {rows.map((row, i) => {
        const table = tables.find((t) => tableKey(t.schema_name, t.name) === row.table);
        const noValue = row.op === "is_null" || row.op === "not_null";
        return (
          <div key={i} className="grid gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_8rem_1fr_auto] lg:items-end">
            <SelectField label="Table" value={row.table} placeholder="Table" options={tables.map((t) => ({ value: tableKey(t.schema_name, t.name), label: tableKey(t.schema_name, t.name) }))} onChange={(e) => update(i, { table: e.target.value, column: "" })} />
            <SelectField label="Column" value={row.column} placeholder="Column" disabled={!table} options={(table?.columns ?? []).map((c) => ({ value: c.name, label: c.name }))} onChange={(e) => update(i, { column: e.target.value })} />
            <SelectField label="Operator" value={row.op} options={FILTER_OPS.map((op) => ({ value: op, label: op.replace("_", " ") }))} onChange={(e) => update(i, { op: e.target.value as FilterOp })} />
            <TextField label="Value" value={row.value} disabled={noValue} placeholder={VALUE_HINT[row.op] ?? "Value"} onChange={(e) => update(i, { value: e.target.value })} />
            <Button variant="ghost" onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={`Remove filter ${i + 1}`}>Remove</Button>
          </div>
        );
      })}
      <Button variant="secondary" size="sm" onClick={() => onChange([...rows, { table: "", column: "", op: "=", value: "" }])}>Add filter</Button>
    </div>
  );
}
