/** Pending review decisions, keyed by `<table key>.<column>`, and how they become the PUT body. */
import type { PiiColumn, PiiType, ReviewDecision, ReviewItem } from "../../api/client";
import { type TableInfo, tableKey } from "../../api/snapshot";
import { columnKey, isPii } from "./usePiiFindings";

export interface Decision {
  action: ReviewDecision;
  pii_type?: PiiType;
}

export type Decisions = Record<string, Decision>;

export interface ReviewRow {
  id: string;
  table: string;
  column: string;
  dataType: string;
  /** The column's entry in the PII map: flagged by classification or decided by a reviewer. */
  entry?: PiiColumn;
}

/**
 * One row per column of the schema version; with `onlyMapped`, only the columns the PII map
 * lists (flagged or reviewed, so a rejected column stays visible with its decision).
 */
export function reviewRows(tables: TableInfo[], entries: Map<string, PiiColumn>, onlyMapped: boolean): ReviewRow[] {
  const rows: ReviewRow[] = [];
  for (const t of tables) {
    if (t.partition_of || t.kind === "view" || t.kind === "materialized_view") continue;
    const key = tableKey(t.schema_name, t.name);
    for (const c of t.columns) {
      const id = columnKey(key, c.name);
      const entry = entries.get(id);
      if (onlyMapped && !entry) continue;
      rows.push({ id, table: key, column: c.name, dataType: c.data_type, entry });
    }
  }
  return rows;
}

/** A decision is complete when a change names its new type. */
export function decisionProblems(decisions: Decisions): string[] {
  return Object.entries(decisions)
    .filter(([, d]) => d.action === "change" && !d.pii_type)
    .map(([id]) => `${id}: choose the PII type it should have.`);
}

/** The `PUT /pii/{id}` body: a confirm keeps the current type, a change names the new one, a reject names none. */
export function toReviews(rows: ReviewRow[], decisions: Decisions): ReviewItem[] {
  return rows
    .filter((r) => decisions[r.id])
    .map((r) => {
      const d = decisions[r.id] as Decision;
      const current = isPii(r.entry) ? (r.entry.pii_type as PiiType) : null;
      const pii_type = d.action === "change" ? (d.pii_type ?? null) : d.action === "confirm" ? current : null;
      return { table: r.table, column: r.column, decision: d.action, pii_type };
    });
}
