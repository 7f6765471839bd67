/**
 * A small layered layout for directed graphs (relationship diagrams, lineage): each node sits in
 * the column of its longest path from a root, so edges mostly run left to right. Cycles are
 * tolerated: the layering stops after as many passes as there are nodes.
 */
export interface LayoutEdge {
  from: string;
  to: string;
}

export interface PositionedNode {
  id: string;
  x: number;
  y: number;
  layer: number;
}

export interface Layout {
  nodes: Map<string, PositionedNode>;
  width: number;
  height: number;
}

interface LayoutOptions {
  nodeWidth: number;
  nodeHeight: number;
  columnGap: number;
  rowGap: number;
}

const DEFAULTS: LayoutOptions = { nodeWidth: 180, nodeHeight: 44, columnGap: 70, rowGap: 18 };

export function assignLayers(ids: string[], edges: LayoutEdge[]): Map<string, number> {
  const layer = new Map(ids.map((id) => [id, 0]));
  const usable = edges.filter((e) => e.from !== e.to && layer.has(e.from) && layer.has(e.to));
  for (let pass = 0; pass < ids.length; pass += 1) {
    let changed = false;
    for (const edge of usable) {
      const next = (layer.get(edge.from) ?? 0) + 1;
      if (next > (layer.get(edge.to) ?? 0) && next < ids.length) {
        layer.set(edge.to, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return layer;
}

export function layeredLayout(ids: string[], edges: LayoutEdge[], options: Partial<LayoutOptions> = {}): Layout {
  const o = { ...DEFAULTS, ...options };
  const layers = assignLayers(ids, edges);
  const columns = new Map<number, string[]>();
  for (const id of ids) {
    const l = layers.get(id) ?? 0;
    columns.set(l, [...(columns.get(l) ?? []), id]);
  }
  const nodes = new Map<string, PositionedNode>();
  let height = 0;
  const ordered = [...columns.keys()].sort((a, b) => a - b);
  ordered.forEach((l, columnIndex) => {
    const members = (columns.get(l) ?? []).sort();
    members.forEach((id, row) => {
      const y = row * (o.nodeHeight + o.rowGap);
      nodes.set(id, { id, layer: columnIndex, x: columnIndex * (o.nodeWidth + o.columnGap), y });
      height = Math.max(height, y + o.nodeHeight);
    });
  });
  const width = ordered.length ? ordered.length * (o.nodeWidth + o.columnGap) - o.columnGap : 0;
  return { nodes, width, height };
}

/** A smooth edge from the right side of one box to the left side of another. */
export function edgePath(from: PositionedNode, to: PositionedNode, nodeWidth: number, nodeHeight: number): string {
  const x1 = from.x + nodeWidth;
  const y1 = from.y + nodeHeight / 2;
  let x2 = to.x;
  const y2 = to.y + nodeHeight / 2;
  if (x2 <= x1) {
    // Same column or backwards (a cycle): loop around the right-hand side.
    x2 = to.x + nodeWidth;
    const bulge = Math.max(x1, x2) + 40;
    return `M ${x1} ${y1} C ${bulge} ${y1}, ${bulge} ${y2}, ${x2} ${y2}`;
  }
  const mid = (x1 + x2) / 2;
  return `M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`;
}
