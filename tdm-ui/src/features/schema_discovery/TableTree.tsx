import { useMemo, useState } from "react";

import { type TableInfo, tableKey } from "../../api/snapshot";
import { controlClass } from "../../components/Field";

interface Props {
  tables: TableInfo[];
  selected: string | null;
  onSelect: (key: string) => void;
  piiCount: (table: TableInfo) => number;
}

/** Schema → tables → columns as a keyboard-friendly tree with a filter. */
export function TableTree({ tables, selected, onSelect, piiCount }: Props) {
  const [filter, setFilter] = useState("");
  const groups = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const map = new Map<string, TableInfo[]>();
    for (const t of tables) {
      if (t.partition_of) continue; // a partition is shown as its partitioned parent, which lists it
      const matches = !needle || t.name.toLowerCase().includes(needle) || t.columns.some((c) => c.name.toLowerCase().includes(needle));
      if (matches) map.set(t.schema_name, [...(map.get(t.schema_name) ?? []), t]);
    }
    return [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [tables, filter]);

  return (
    <div>
      <label className="sr-only" htmlFor="table-filter">
        Filter tables and columns
      </label>
      <input id="table-filter" className={controlClass} placeholder="Filter tables or columns" value={filter} onChange={(e) => setFilter(e.target.value)} />
      <div className="mt-3 max-h-[28rem] space-y-3 overflow-y-auto pr-1 lg:max-h-[36rem]">
        {groups.length === 0 && <p className="text-sm text-slate-500">No table matches.</p>}
        {groups.map(([schemaName, list]) => (
          <details key={schemaName} open>
            <summary className="cursor-pointer text-xs font-semibold uppercase tracking-wide text-slate-500">
              {schemaName} <span className="font-normal">({list.length})</span>
            </summary>
            <ul className="mt-1 space-y-0.5">
              {list.map((t) => {
                const key = tableKey(t.schema_name, t.name);
                const pii = piiCount(t);
                return (
                  <li key={key}>
                    <button
                      type="button"
                      aria-current={selected === key ? "true" : undefined}
                      onClick={() => onSelect(key)}
                      className={`flex w-full items-center justify-between gap-2 rounded px-2 py-1 text-left text-sm ${
                        selected === key ? "bg-indigo-50 font-medium text-indigo-700" : "text-slate-700 hover:bg-slate-100"
                      }`}
                    >
                      <span className="truncate">
                        {t.name}
                        {t.kind !== "table" && <span className="ml-1 text-xs text-slate-400">{t.kind.replace("_", " ")}</span>}
                      </span>
                      <span className="flex shrink-0 items-center gap-1 text-xs text-slate-400">
                        {pii > 0 && <span className="rounded bg-rose-100 px-1 text-rose-700" title={`${pii} PII columns`}>{pii}</span>}
                        {t.columns.length}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </details>
        ))}
      </div>
    </div>
  );
}
