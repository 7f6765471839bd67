import type { DistributionComparison } from "../../api/freeform";

const BAR_AREA = 120;

/** Real vs synthetic share per bucket of one column, as paired bars. */
export function DistributionChart({ comparison }: { comparison: DistributionComparison }) {
  const total = (values: number[]) => values.reduce((a, b) => a + b, 0) || 1;
  const realTotal = total(comparison.real);
  const synthTotal = total(comparison.synthetic);
  const real = comparison.real.map((v) => v / realTotal);
  const synthetic = comparison.synthetic.map((v) => v / synthTotal);
  const max = Math.max(...real, ...synthetic, 0.0001);
  const slot = 34;
  const width = Math.max(comparison.labels.length * slot, 200);
  return (
    <figure className="rounded-md border border-slate-200 p-3">
      <figcaption className="mb-2 flex flex-wrap items-center justify-between gap-2 text-sm">
        <span className="font-mono text-xs font-medium">{comparison.table}.{comparison.column}</span>
        <span className="flex gap-3 text-xs text-slate-500">
          <span><span className="mr-1 inline-block size-2 rounded-sm bg-slate-400" />real</span>
          <span><span className="mr-1 inline-block size-2 rounded-sm bg-indigo-500" />synthetic</span>
        </span>
      </figcaption>
      <div className="overflow-x-auto">
        <svg width={width} height={BAR_AREA + 30} role="img" aria-label={`Distribution of ${comparison.column}: real versus synthetic`}>
          {comparison.labels.map((label, i) => {
            const x = i * slot + 4;
            const hr = ((real[i] ?? 0) / max) * BAR_AREA;
            const hs = ((synthetic[i] ?? 0) / max) * BAR_AREA;
            return (
              <g key={label + i}>
                <rect x={x} y={BAR_AREA - hr} width={12} height={hr} fill="#94a3b8"><title>{`${label}: real ${Math.round((real[i] ?? 0) * 100)}%`}</title></rect>
                <rect x={x + 13} y={BAR_AREA - hs} width={12} height={hs} fill="#6366f1"><title>{`${label}: synthetic ${Math.round((synthetic[i] ?? 0) * 100)}%`}</title></rect>
                <text x={x + 12} y={BAR_AREA + 14} fontSize={9} textAnchor="middle" fill="#64748b">{label.length > 6 ? `${label.slice(0, 5)}…` : label}</text>
              </g>
            );
          })}
        </svg>
      </div>
    </figure>
  );
}

/** The quality report stored with a synthetic dataset learned from (or compared with) training data. */
export interface QualityReport {
  column_comparisons?: DistributionComparison[];
  sdmetrics_available?: boolean;
  overall_score?: number | null;
  column_shapes?: number | null;
  column_pair_trends?: number | null;
}

/** A synthetic dataset's quality report, wherever it sits in its metadata. */
export function qualityOf(metadata: Record<string, unknown> | null | undefined): QualityReport | null {
  return (metadata?.quality_report ?? metadata?.quality ?? null) as QualityReport | null;
}

/** Column comparisons stored with a synthetic dataset's quality report. */
export function comparisonsOf(metadata: Record<string, unknown> | null | undefined): DistributionComparison[] {
  return qualityOf(metadata)?.column_comparisons ?? [];
}
