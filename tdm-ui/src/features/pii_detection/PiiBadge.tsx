import type { PiiColumn } from "../../api/client";
import { Badge } from "../../components/Badge";
import { isPii } from "./usePiiFindings";

const REVIEWED = new Set(["confirmed", "changed"]);

/** "PII · email" on a column that holds PII, marked when a person has confirmed or corrected it. */
export function PiiBadge({ column }: { column: PiiColumn | undefined }) {
  if (!isPii(column)) return null;
  const reviewed = REVIEWED.has(column.review_state);
  const pct = column.confidence == null ? "" : `, ${Math.round(column.confidence * 100)}%`;
  const why = reviewed ? `${column.review_state} by a reviewer` : `${column.explanation ?? ""} (${column.technique ?? "rules"}${pct})`;
  return (
    <Badge tone="red" title={why}>
      PII · {column.pii_type.replace(/_/g, " ")}{reviewed ? " ✓" : ""}
    </Badge>
  );
}
