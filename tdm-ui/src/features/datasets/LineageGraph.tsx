import type { LineageGraph as Graph } from "../../api/client";
import { Empty } from "../../components/States";
import { edgePath, layeredLayout } from "../../lib/graphLayout";

const W = 150;
const H = 46;
const COLOURS: Record<string, { fill: string; stroke: string }> = {
  schema_version: { fill: "#f0f9ff", stroke: "#0284c7" },
  dataset_version: { fill: "#eef2ff", stroke: "#4f46e5" },
  environment: { fill: "#ecfdf5", stroke: "#059669" },
  job: { fill: "#f8fafc", stroke: "#94a3b8" },
};

/** Upstream and downstream of a dataset: schema versions, datasets, environments, left to right. */
export function LineageGraph({ graph, focusId, onOpen }: { graph: Graph; focusId: string; onOpen: (nodeId: string, type: string) => void }) {
  // Job nodes that no edge touches add nothing the edges' operations do not already say.
  const linked = new Set(graph.edges.flatMap((e) => [e.source, e.target]));
  const nodes = graph.nodes.filter((n) => n.id === focusId || linked.has(n.id));
  if (nodes.length === 0) return <Empty title="No lineage recorded" />;
  const layout = layeredLayout(nodes.map((n) => n.id), graph.edges.map((e) => ({ from: e.source, to: e.target })), { nodeWidth: W, nodeHeight: H, columnGap: 70 });
  return (
    <div className="overflow-auto rounded-md border border-slate-200 bg-slate-50 p-3">
      <p className="mb-2 flex justify-between text-xs text-slate-500"><span>← upstream</span><span>downstream →</span></p>
      <svg width={layout.width + 20} height={layout.height + 10} role="img" aria-label="Lineage graph">
        <defs>
          <marker id="lineage-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#64748b" /></marker>
        </defs>
        {graph.edges.map((e, i) => {
          const from = layout.nodes.get(e.source);
          const to = layout.nodes.get(e.target);
          if (!from || !to) return null;
          const midX = (from.x + W + to.x) / 2;
          const midY = (from.y + to.y) / 2 + H / 2 - 4;
          return (
            <g key={i}>
              <path d={edgePath(from, to, W, H)} fill="none" stroke="#94a3b8" strokeWidth={1.5} markerEnd="url(#lineage-arrow)" />
              <text x={midX} y={midY} fontSize={10} textAnchor="middle" fill="#475569">{e.operation.replace(/_/g, " ")}</text>
            </g>
          );
        })}
        {nodes.map((n) => {
          const p = layout.nodes.get(n.id);
          if (!p) return null;
          const colour = COLOURS[n.type] ?? { fill: "#fff", stroke: "#cbd5e1" };
          const label = n.label ?? n.id.slice(0, 8);
          const kind = n.type.replace(/_/g, " ");
          return (
            <g key={n.id} transform={`translate(${p.x} ${p.y})`} role="button" tabIndex={0} aria-label={`${kind} ${label} ${n.id.slice(0, 8)}`} className="cursor-pointer"
              onClick={() => onOpen(n.id, n.type)} onKeyDown={(ev) => ev.key === "Enter" && onOpen(n.id, n.type)}>
              <rect width={W} height={H} rx={6} fill={colour.fill} stroke={colour.stroke} strokeWidth={n.id === focusId ? 2.5 : 1} />
              <text x={10} y={18} fontSize={10} fill="#64748b">{kind} · {n.id.slice(0, 8)}</text>
              <text x={10} y={35} fontSize={12} fontWeight={600} fill="#0f172a">{label.length > 22 ? `${label.slice(0, 21)}…` : label}</text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
