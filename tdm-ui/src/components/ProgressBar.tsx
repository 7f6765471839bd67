/** A stage's progress; without a total it pulses, unless the job has `finished`. */
export function ProgressBar({ done, total, label, finished = false }: { done: number; total: number | null; label: string; finished?: boolean }) {
  const pct = total && total > 0 ? Math.min(100, Math.round((done / total) * 100)) : finished ? 100 : null;
  return (
    <div>
      <div className="mb-1 flex justify-between text-xs text-slate-600">
        <span>{label}</span>
        <span>{pct === null ? `${done.toLocaleString()}` : `${pct}%`}</span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? undefined}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div className={`h-full rounded-full bg-indigo-500 transition-all ${pct === null ? "w-1/3 animate-pulse" : ""}`} style={pct === null ? undefined : { width: `${pct}%` }} />
      </div>
    </div>
  );
}
