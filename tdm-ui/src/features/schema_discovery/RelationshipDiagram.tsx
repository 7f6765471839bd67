import { useMemo } from "react";

import { type RelationshipInfo, type TableInfo, tableKey } from "../../api/snapshot";
import { Empty } from "../../components/States";
import { edgePath, layeredLayout } from "../../lib/graphLayout";

const W = 180;
const H = 44;
const MAX_TABLES = 80;

interface Props {
  tables: TableInfo[];
  relationships: RelationshipInfo[];
  focus?: string | null;
  onSelect?: (key: string) => void;
}

function neighbourhood(focus: string, relationships: RelationshipInfo[]): Set<string> {
  const keep = new Set([focus]);
  for (const r of relationships) {
    const child = tableKey(r.child_schema, r.child_table);
    const parent = tableKey(r.parent_schema, r.parent_table);
    if (child === focus) keep.add(parent);
    if (parent === focus) keep.add(child);
  }
  return keep;
}

/** Tables as boxes, foreign keys as arrows from parent to child; focused on one table if chosen. */
export function RelationshipDiagram({ tables, relationships, focus, onSelect }: Props) {
  const { layout, edges, ids, truncated } = useMemo(() => {
    const all = tables.filter((t) => !t.partition_of).map((t) => tableKey(t.schema_name, t.name));
    const scope = focus ? neighbourhood(focus, relationships) : null;
    const chosen = scope ? all.filter((k) => scope.has(k)) : all;
    const limited = chosen.slice(0, MAX_TABLES);
    const allowed = new Set(limited);
    const edgeList = relationships
      .map((r) => ({ from: tableKey(r.parent_schema, r.parent_table), to: tableKey(r.child_schema, r.child_table), virtual: Boolean(r.is_virtual), label: r.child_columns.join(", ") }))
      .filter((e) => allowed.has(e.from) && allowed.has(e.to));
    return { layout: layeredLayout(limited, edgeList, { nodeWidth: W, nodeHeight: H }), edges: edgeList, ids: limited, truncated: chosen.length > limited.length };
  }, [tables, relationships, focus]);

  if (ids.length === 0) return <Empty title="No tables to draw" />;
  const rowCount = new Map(tables.map((t) => [tableKey(t.schema_name, t.name), t.exact_row_count ?? t.row_estimate]));
  return (
    <figure>
      <div className="overflow-auto rounded-md border border-slate-200 bg-slate-50 p-3">
        <svg width={layout.width + 60} height={layout.height + 10} role="img" aria-label={`Relationship diagram of ${ids.length} tables`}>
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill="#64748b" />
            </marker>
          </defs>
          {edges.map((e, i) => {
            const from = layout.nodes.get(e.from);
            const to = layout.nodes.get(e.to);
            if (!from || !to) return null;
            if (e.from === e.to) {
              const x = from.x + W;
              const y = from.y + H / 2;
              return <path key={i} d={`M ${x} ${y - 8} c 30 -20, 30 36, 0 16`} fill="none" stroke="#94a3b8" strokeWidth={1.5} markerEnd="url(#arrow)"><title>{`${e.from} self-reference (${e.label})`}</title></path>;
            }
            return (
              <path key={i} d={edgePath(from, to, W, H)} fill="none" stroke={e.virtual ? "#a855f7" : "#94a3b8"} strokeDasharray={e.virtual ? "5 4" : undefined} strokeWidth={1.5} markerEnd="url(#arrow)">
                <title>{`${e.to}.${e.label} → ${e.from}${e.virtual ? " (user-defined)" : ""}`}</title>
              </path>
            );
          })}
          {ids.map((id) => {
            const node = layout.nodes.get(id);
            if (!node) return null;
            const rows = rowCount.get(id);
            const selected = id === focus;
            return (
              <g
                key={id}
                transform={`translate(${node.x} ${node.y})`}
                role="button"
                tabIndex={0}
                aria-label={`Table ${id}`}
                className="cursor-pointer"
                onClick={() => onSelect?.(id)}
                onKeyDown={(ev) => (ev.key === "Enter" || ev.key === " ") && onSelect?.(id)}
              >
                <rect width={W} height={H} rx={6} fill={selected ? "#eef2ff" : "#fff"} stroke={selected ? "#6366f1" : "#cbd5e1"} strokeWidth={selected ? 2 : 1} />
                <text x={10} y={18} fontSize={12} fontWeight={600} fill="#0f172a">
                  {id.length > 24 ? `${id.slice(0, 23)}…` : id}
                </text>
                <text x={10} y={34} fontSize={11} fill="#64748b">
                  {rows === null || rows === undefined ? "rows unknown" : `~${rows.toLocaleString("en-US")} rows`}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-xs text-slate-500">
        <span>Arrows point from the referenced (parent) table to the referencing (child) table.</span>
        <span className="text-violet-600">Dashed: user-defined keys.</span>
        {truncated && <span className="text-amber-700">Showing the first {MAX_TABLES} tables; pick a table to focus on it.</span>}
      </figcaption>
    </figure>
  );
}
