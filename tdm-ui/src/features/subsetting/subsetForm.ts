/** The subset builder's form state, its checks (as the API's SubsetRequest), and the request it sends. */
import type { FilterCondition, FilterOp, SubsetRequest, TableMode } from "../../api/client";
import { type SchemaSnapshot, tableKey } from "../../api/snapshot";
import { checkIntegerInRange, checkPercentage, type Errors } from "../../lib/validation";

export interface FilterRow {
  table: string;
  column: string;
  op: FilterOp;
  value: string;
}

export interface SubsetForm {
  connectionId: string;
  targets: string[];
  filters: FilterRow[];
  dateTable: string;
  dateColumn: string;
  dateStart: string;
  dateEnd: string;
  maxRows: string;
  samplingPct: string;
  seed: string;
  modes: Record<string, TableMode>;
  maxDepth: string;
  cutNullable: boolean;
  /** Completeness: hops of children that parents pulled in upstream bring along ("" or "0": none). */
  childrenOfParents: string;
}

export const EMPTY_FORM: SubsetForm = {
  connectionId: "", targets: [], filters: [], dateTable: "", dateColumn: "", dateStart: "", dateEnd: "",
  maxRows: "", samplingPct: "", seed: "0", modes: {}, maxDepth: "", cutNullable: false,
  childrenOfParents: "",
};

const NO_VALUE: FilterOp[] = ["is_null", "not_null"];
const LIST_OPS: FilterOp[] = ["in", "not_in"];

export function filterValue(row: FilterRow): unknown {
  if (NO_VALUE.includes(row.op)) return undefined;
  if (LIST_OPS.includes(row.op)) return row.value.split(",").map((v) => v.trim()).filter(Boolean);
  if (row.op === "between") return row.value.split(",").map((v) => v.trim());
  return row.value;
}

export type SubsetField = "connection" | "targets" | "filters" | "date" | "maxRows" | "sampling" | "seed" | "maxDepth" | "childrenOfParents";

function hasColumn(snapshot: SchemaSnapshot, table: string, column: string): boolean {
  return snapshot.tables.some((t) => tableKey(t.schema_name, t.name) === table && t.columns.some((c) => c.name === column));
}

/** Every problem at once, keyed by form field; the API repeats these checks. */
export function validateSubset(form: SubsetForm, snapshot: SchemaSnapshot): Errors<SubsetField> {
  const errors: Errors<SubsetField> = {};
  if (!form.connectionId) errors.connection = "Choose the source connection.";
  if (form.targets.length === 0) errors.targets = "Choose at least one target table.";
  const badFilter = form.filters.find((f) => !f.table || !f.column || !hasColumn(snapshot, f.table, f.column));
  if (badFilter) errors.filters = "Every filter needs a table and one of its columns.";
  else {
    const missing = form.filters.find((f) => !NO_VALUE.includes(f.op) && !f.value.trim());
    if (missing) errors.filters = `The filter on ${missing.table}.${missing.column} needs a value.`;
    const between = form.filters.find((f) => f.op === "between" && f.value.split(",").length !== 2);
    if (between) errors.filters = `'between' takes two values separated by a comma (${between.column}).`;
  }
  if (form.dateTable || form.dateColumn || form.dateStart || form.dateEnd) {
    if (!form.dateTable || !form.dateColumn) errors.date = "A date range needs a table and a date column.";
    else if (!form.dateStart && !form.dateEnd) errors.date = "Give a start, an end, or both.";
    else if (form.dateStart && form.dateEnd && form.dateStart > form.dateEnd) errors.date = "The start is after the end.";
  }
  errors.maxRows = checkIntegerInRange(form.maxRows, 1, 1_000_000_000, "Row limit");
  errors.sampling = checkPercentage(form.samplingPct);
  errors.seed = checkIntegerInRange(form.seed, -2_147_483_648, 2_147_483_647, "Seed");
  errors.maxDepth = checkIntegerInRange(form.maxDepth, 0, 100, "Depth");
  errors.childrenOfParents = checkIntegerInRange(form.childrenOfParents, 0, 100, "Depth");
  return errors;
}

export function toSubsetRequest(form: SubsetForm, schemaVersionId: string): SubsetRequest {
  const filters: Record<string, FilterCondition[]> = {};
  for (const row of form.filters) {
    const value = filterValue(row);
    filters[row.table] = [...(filters[row.table] ?? []), value === undefined ? { column: row.column, op: row.op } : { column: row.column, op: row.op, value }];
  }
  return {
    schema_version_id: schemaVersionId,
    connection_id: form.connectionId,
    root_table: form.targets.length === 1 ? (form.targets[0] as string) : form.targets,
    filters,
    max_rows_per_table: form.maxRows ? Number(form.maxRows) : null,
    date_range: form.dateTable && form.dateColumn ? { table: form.dateTable, column: form.dateColumn, start: form.dateStart || null, end: form.dateEnd || null } : null,
    sampling_pct: form.samplingPct ? Number(form.samplingPct) : null,
    seed: Number(form.seed || 0),
    mode: Object.fromEntries(Object.entries(form.modes).filter(([, m]) => m !== "subset")),
    max_depth: form.maxDepth ? Number(form.maxDepth) : null,
    cut_nullable_fks: form.cutNullable,
    include_children_of_parents: form.childrenOfParents ? Number(form.childrenOfParents) : 0,
  };
}
