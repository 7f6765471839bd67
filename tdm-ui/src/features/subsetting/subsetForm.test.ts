import type { SchemaSnapshot } from "../../api/snapshot";
import { EMPTY_FORM, toSubsetRequest, validateSubset } from "./subsetForm";

const snapshot: SchemaSnapshot = {
  schemas: ["public"],
  relationships: [],
  tables: [
    { schema_name: "public", name: "customers", kind: "table", primary_key: ["id"], unique_constraints: [], columns: [
      { name: "id", data_type: "bigint", type_category: "integer", nullable: false, ordinal_position: 1 },
      { name: "region", data_type: "text", type_category: "string", nullable: true, ordinal_position: 2 },
    ] },
    { schema_name: "public", name: "orders", kind: "table", primary_key: ["id"], unique_constraints: [], columns: [
      { name: "created_at", data_type: "timestamp", type_category: "timestamp", nullable: false, ordinal_position: 1 },
    ] },
  ],
};

describe("subset form", () => {
  it("reports every problem before anything is sent", () => {
    const errors = validateSubset({ ...EMPTY_FORM, seed: "x", samplingPct: "120", filters: [{ table: "customers", column: "nope", op: "=", value: "US" }] }, snapshot);
    expect(errors.connection).toBeDefined();
    expect(errors.targets).toBeDefined();
    expect(errors.filters).toMatch(/table and one of its columns/);
    expect(errors.sampling).toMatch(/0 and 100/);
    expect(errors.seed).toMatch(/whole number/);
  });

  it("needs two values for between and a complete date range", () => {
    const errors = validateSubset({ ...EMPTY_FORM, connectionId: "c", targets: ["customers"], filters: [{ table: "customers", column: "id", op: "between", value: "1" }], dateTable: "orders", dateColumn: "created_at", dateStart: "2024-12-31", dateEnd: "2024-01-01" }, snapshot);
    expect(errors.filters).toMatch(/two values/);
    expect(errors.date).toMatch(/after the end/);
  });

  it("builds the structured request the API expects", () => {
    const form = {
      ...EMPTY_FORM, connectionId: "conn-1", targets: ["customers"], seed: "7", samplingPct: "10", maxRows: "500",
      filters: [{ table: "customers", column: "region", op: "in" as const, value: "US, CA" }, { table: "customers", column: "id", op: "not_null" as const, value: "" }],
      dateTable: "orders", dateColumn: "created_at", dateStart: "2024-01-01", modes: { orders: "full" as const, customers: "subset" as const },
    };
    expect(validateSubset(form, snapshot)).toEqual(expect.not.objectContaining({ filters: expect.any(String) }));
    expect(toSubsetRequest(form, "sv-1")).toEqual({
      schema_version_id: "sv-1", connection_id: "conn-1", root_table: "customers",
      filters: { customers: [{ column: "region", op: "in", value: ["US", "CA"] }, { column: "id", op: "not_null" }] },
      max_rows_per_table: 500, date_range: { table: "orders", column: "created_at", start: "2024-01-01", end: null },
      sampling_pct: 10, seed: 7, mode: { orders: "full" }, max_depth: null, cut_nullable_fks: false,
      include_children_of_parents: 0,
    });
  });
});
