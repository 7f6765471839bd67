import { useState } from "react";

import type { SyntheticPreview } from "../../api/client";
import { SelectField } from "../../components/Field";
import { Empty } from "../../components/States";

/** Sample rows per generated table. */
export function PreviewTables({ preview }: { preview: SyntheticPreview }) {
  const names = Object.keys(preview.tables ?? {});
  const [table, setTable] = useState(names[0] ?? "");
  const data = preview.tables[table];
  if (!data) return <Empty title="The preview is empty" />;
  return (
    <div className="space-y-2">
      <SelectField label="Table" className="max-w-xs" value={table} options={names.map((n) => ({ value: n, label: n }))} onChange={(e) => setTable(e.target.value)} />
      <div className="overflow-x-auto">
        <table className="w-full text-left text-xs">
          <thead className="border-b border-slate-200 text-slate-500"><tr>{data.columns.map((c) => <th key={c} className="py-1.5 pr-3 font-medium">{c}</th>)}</tr></thead>
          <tbody className="divide-y divide-slate-100 font-mono">
            {data.rows.map((row, i) => (
              <tr key={i}>{data.columns.map((c) => <td key={c} className="max-w-48 truncate py-1 pr-3">{row[c] === null || row[c] === undefined ? "NULL" : String(row[c])}</td>)}</tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
