/** Rows side by side: before and after, masked cells highlighted. */
export function PreviewTable({ columns, before, after, changed }: { columns: string[]; before: Record<string, unknown>[]; after: Record<string, unknown>[]; changed: Set<string> }) {
  const show = (v: unknown) => (v === null || v === undefined ? "NULL" : typeof v === "object" ? JSON.stringify(v) : String(v));
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-xs">
        <thead className="border-b border-slate-200 text-slate-500">
          <tr>
            {columns.map((c) => <th key={c} className={`py-1.5 pr-3 font-medium ${changed.has(c) ? "text-indigo-700" : ""}`}>{c}</th>)}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 font-mono">
          {after.map((row, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c} className="max-w-56 py-1.5 pr-3 align-top">
                  {changed.has(c) ? (
                    <>
                      <span className="block truncate text-slate-400 line-through" title={show(before[i]?.[c])}>{show(before[i]?.[c])}</span>
                      <span className="block truncate text-indigo-700" title={show(row[c])}>{show(row[c])}</span>
                    </>
                  ) : (
                    <span className="block truncate text-slate-600">{show(row[c])}</span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
