import type { PiiType } from "../../api/client";
import { PII_TYPES } from "../../api/enums";
import { Badge } from "../../components/Badge";
import { controlClass } from "../../components/Field";
import type { Decision, ReviewRow } from "./reviewState";
import { isPii } from "./usePiiFindings";

const STATE_TONES = { unreviewed: "gray", confirmed: "green", rejected: "amber", changed: "violet", stale: "amber" } as const;
const label = (value: string) => value.replace(/_/g, " ");

function DecisionCell({ row, decision, onChange }: { row: ReviewRow; decision: Decision | undefined; onChange: (d: Decision | undefined) => void }) {
  const flagged = isPii(row.entry);
  const action = decision?.action ?? "";
  return (
    <div className="flex flex-wrap items-center gap-1">
      <label className="sr-only" htmlFor={`d-${row.id}`}>Decision for {row.id}</label>
      <select id={`d-${row.id}`} className={`${controlClass} w-36 py-1`} value={action}
        onChange={(e) => onChange(e.target.value ? { action: e.target.value as Decision["action"], pii_type: decision?.pii_type } : undefined)}>
        <option value="">No change</option>
        {flagged && <option value="confirm">Confirm</option>}
        {flagged && <option value="reject">Not PII</option>}
        <option value="change">{flagged ? "Change type" : "Mark as PII"}</option>
      </select>
      {action === "change" && (
        <>
          <label className="sr-only" htmlFor={`t-${row.id}`}>New PII type for {row.id}</label>
          <select id={`t-${row.id}`} className={`${controlClass} w-40 py-1`} value={decision?.pii_type ?? ""}
            onChange={(e) => onChange({ action: "change", pii_type: (e.target.value || undefined) as PiiType | undefined })}>
            <option value="">Choose type</option>
            {PII_TYPES.map((t) => <option key={t} value={t}>{label(t)}</option>)}
          </select>
        </>
      )}
    </div>
  );
}

function Classification({ row }: { row: ReviewRow }) {
  const entry = row.entry;
  if (!isPii(entry)) return <span className="text-xs text-slate-400">not PII</span>;
  return (
    <div className="flex flex-wrap gap-1">
      <Badge tone="red">{label(entry.pii_type)}{entry.subtype ? ` · ${entry.subtype}` : ""}</Badge>
      {entry.confidence != null && <Badge>{Math.round(entry.confidence * 100)}%</Badge>}
    </div>
  );
}

/** The evidence the classifier found (kept after a review overrides it), and who decided what. */
function Evidence({ row }: { row: ReviewRow }) {
  const entry = row.entry;
  if (!entry) return <>—</>;
  const found = entry.detected ?? (entry.technique && entry.technique !== "review" ? { technique: entry.technique, explanation: entry.explanation ?? "" } : null);
  return (
    <div className="space-y-1">
      {found && <p><Badge tone="blue">{found.technique}</Badge> {found.explanation}</p>}
      {entry.review && (
        <p className="text-slate-500">
          {entry.review.decision === "reject" ? "Rejected" : entry.review.decision === "change" ? `Changed to ${label(entry.review.pii_type ?? "")}` : "Confirmed"}
          {entry.review.reviewer ? ` by ${entry.review.reviewer}` : ""}{entry.review.note ? `: ${entry.review.note}` : ""}
          {!entry.review.applies && " (the column's type changed since; review again)"}
        </p>
      )}
    </div>
  );
}

interface Props {
  row: ReviewRow;
  decision: Decision | undefined;
  onChange: (d: Decision | undefined) => void;
  readOnly: boolean;
}

/** One column of the PII review table. */
export function PiiReviewRow({ row, decision, onChange, readOnly }: Props) {
  const state = row.entry?.review_state ?? "unreviewed";
  return (
    <tr className="align-top" data-column={row.id}>
      <td className="py-2 pr-3"><span className="font-mono text-xs">{row.id}</span><span className="block text-xs text-slate-400">{row.dataType}</span></td>
      <td className="py-2 pr-3"><Classification row={row} /></td>
      <td className="py-2 pr-3"><Badge tone={STATE_TONES[state]}>{state}</Badge></td>
      <td className="max-w-80 py-2 pr-3 text-xs text-slate-600"><Evidence row={row} /></td>
      <td className="py-2">{readOnly ? <span className="text-xs text-slate-500">—</span> : <DecisionCell row={row} decision={decision} onChange={onChange} />}</td>
    </tr>
  );
}
