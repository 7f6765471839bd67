import { useState } from "react";

import type { SyntheticPreview } from "../../api/client";
import { SelectField } from "../../components/Field";
import { Empty } from "../../components/States";

/** Sample rows per generated table. */
export function PreviewTables({ preview }: { preview: SyntheticPreview }) {
  const names = Object.keys(preview.tables ?? {});
  const [chosen, setChosen] = useState(names[0] ?? "");
  // A later preview (another pack or schema) may not have the table chosen before.
  const table = names.includes(chosen) ? chosen : (names[0] ?? "");
  const data = preview.tables[table];
  if (!data) return <Empty title="The preview is empty" />;
  return (
    <div className="space-y-2">
      <SelectField label="Table" className="max-w-xs" value={table} options={names.map((n) => ({ value: n, label: n }))} onChange={(e) => setChosen(e.target.value)} />
      <div className="overflow-x-auto">
        <table aria-label={`Preview of ${table}`} className="w-full text-left text-xs">
          <thead className="border-b border-slate-200 text-slate-500"><tr>{data.columns.map((c) => <th key={c} className="py-1.5 pr-3 font-medium">{c}</th>)}</tr></thead>
          <tbody className="divide-y divide-slate-100 font-mono">
            {data.rows.map((row, i) => (
              <tr key={i}>{data.columns.map((c) => <td key={c} className="max-w-48 truncate py-1 pr-3">{cell(row[c])}</td>)}</tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** A cell as text: NULL for missing values, JSON for nested ones (a json column). */
function cell(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
