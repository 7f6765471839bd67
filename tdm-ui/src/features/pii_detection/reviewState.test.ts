import type { PiiColumn } from "../../api/client";
import type { TableInfo } from "../../api/snapshot";
import { decisionProblems, reviewRows, toReviews } from "./reviewState";
import { columnKey, isPii } from "./usePiiFindings";

const column = (name: string, position: number) => ({ name, data_type: "text", type_category: "string", nullable: true, ordinal_position: position });
const tables: TableInfo[] = [
  { schema_name: "public", name: "customers", kind: "table", primary_key: [], unique_constraints: [], columns: [column("email", 1), column("notes", 2)] },
  { schema_name: "sales", name: "staff", kind: "table", primary_key: [], unique_constraints: [], columns: [column("phone", 1)] },
];
const entry = (table: string, name: string, extra: Partial<PiiColumn>): PiiColumn => ({ schema_name: "public", table, column: name, review_state: "unreviewed", ...extra });
const map = new Map<string, PiiColumn>([
  [columnKey("customers", "email"), entry("customers", "email", { pii_type: "email", confidence: 1, technique: "regex" })],
  [columnKey("sales.staff", "phone"), entry("sales.staff", "phone", { pii_type: null, review_state: "rejected" })],
]);

describe("PII review state", () => {
  it("keys columns by table key, so non-public tables match the PII map", () => {
    const rows = reviewRows(tables, map, true);
    expect(rows.map((r) => r.id)).toEqual(["customers.email", "sales.staff.phone"]);
    expect(rows[1]?.table).toBe("sales.staff");
  });

  it("keeps rejected columns listed but not counted as PII", () => {
    expect(isPii(map.get("sales.staff.phone"))).toBe(false);
    expect(isPii(map.get("customers.email"))).toBe(true);
    expect(reviewRows(tables, map, false)).toHaveLength(3);
  });

  it("builds review items the API accepts", () => {
    const rows = reviewRows(tables, map, false);
    const reviews = toReviews(rows, {
      "customers.email": { action: "confirm" },
      "customers.notes": { action: "change", pii_type: "free_text_pii" },
      "sales.staff.phone": { action: "reject" },
    });
    expect(reviews).toEqual([
      { table: "customers", column: "email", decision: "confirm", pii_type: "email" },
      { table: "customers", column: "notes", decision: "change", pii_type: "free_text_pii" },
      { table: "sales.staff", column: "phone", decision: "reject", pii_type: null },
    ]);
    expect(decisionProblems({ "customers.notes": { action: "change" } })).toEqual(["customers.notes: choose the PII type it should have."]);
  });
});
