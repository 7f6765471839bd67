import type { Transformer as TransformerInfo } from "../../api/client";
import type { SchemaSnapshot } from "../../api/snapshot";
import { mergeSuggested, splitTarget, validateRules } from "./maskingRules";

const snapshot: SchemaSnapshot = {
  schemas: ["public", "sales"], relationships: [],
  tables: [
    { schema_name: "public", name: "customers", kind: "table", primary_key: ["id"], unique_constraints: [], columns: [
      { name: "email", data_type: "text", type_category: "string", nullable: false, ordinal_position: 1 },
      { name: "balance", data_type: "numeric", type_category: "decimal", nullable: true, ordinal_position: 2 },
    ] },
    { schema_name: "sales", name: "staff", kind: "table", primary_key: ["id"], unique_constraints: [], columns: [
      { name: "phone", data_type: "text", type_category: "string", nullable: true, ordinal_position: 1 },
    ] },
  ],
};

const transformers: TransformerInfo[] = [
  { name: "mask.email_deterministic", description: "", categories: ["string"], guarantees: {}, arrow_types: [], options_schema: { properties: {} } },
  { name: "mask.partial", description: "", categories: ["string"], guarantees: {}, arrow_types: [], options_schema: { properties: { keep_first: { type: "integer", minimum: 0, maximum: 64, default: 0 } } } },
];

describe("masking rules", () => {
  it("splits schema-qualified targets at the last dot", () => {
    expect(splitTarget("sales.staff.phone")).toEqual({ table: "sales.staff", column: "phone" });
  });

  it("adds suggestions only for columns without a rule", () => {
    const mine = [{ table: "customers", column: "email", type: "mask.partial", options: { keep_first: 2 } }];
    const merged = mergeSuggested(mine, { "customers.email": { type: "mask.email_deterministic" }, "sales.staff.phone": { type: "mask.fpe_digits", options: { tweak_label: "phone" } } });
    expect(merged).toEqual([mine[0], { table: "sales.staff", column: "phone", type: "mask.fpe_digits", options: { tweak_label: "phone" } }]);
  });

  it("flags unknown columns, type mismatches, duplicates and options out of range", () => {
    const problems = validateRules([
      { table: "customers", column: "email", type: "mask.email_deterministic", options: {} },
      { table: "customers", column: "balance", type: "mask.email_deterministic", options: {} },
      { table: "customers", column: "ghost", type: "mask.partial", options: {} },
      { table: "customers", column: "email", type: "mask.partial", options: { keep_first: 99 } },
    ], snapshot, transformers);
    expect(problems.has(0)).toBe(false);
    expect(problems.get(1)).toEqual(["mask.email_deterministic does not accept decimal columns"]);
    expect(problems.get(2)).toEqual(["customers.ghost is not a column of this schema version"]);
    expect(problems.get(3)).toEqual(["customers.email already has a rule (rule 1)", "option keep_first must be at most 64"]);
  });
});

describe("option checks drawn from the options schema", () => {
  const generalize: TransformerInfo = {
    name: "mask.generalize", description: "", categories: ["string"], guarantees: {}, arrow_types: [],
    options_schema: {
      required: ["mode"],
      properties: {
        mode: { type: "string", enum: ["month", "year", "bucket", "prefix"] },
        prefix_length: { type: "integer", minimum: 0, maximum: 64, default: 3 },
        bucket_width: { type: "number", exclusiveMinimum: 0, maximum: 1e15, default: 10 },
        fill_char: { anyOf: [{ type: "string", maxLength: 1 }, { type: "null" }], default: null },
      },
    },
  };
  const constant: TransformerInfo = {
    name: "mask.constant", description: "", categories: ["string"], guarantees: {}, arrow_types: [],
    options_schema: { required: ["value"], properties: { value: { anyOf: [{ type: "boolean" }, { type: "integer" }, { type: "number" }, { type: "string", maxLength: 1000 }, { type: "null" }] } } },
  };
  const rule = (type: string, options: Record<string, unknown>) => [{ table: "customers", column: "email", type, options }];
  const check = (type: string, options: Record<string, unknown>) => validateRules(rule(type, options), snapshot, [generalize, constant]).get(0) ?? [];

  it("accepts options that fit", () => {
    expect(check("mask.generalize", { mode: "prefix", prefix_length: 2, fill_char: "*" })).toEqual([]);
    expect(check("mask.constant", { value: "n/a" })).toEqual([]);
  });

  it.each([
    [{ mode: "prefix", prefix_length: "abc" }, "option prefix_length must be a number"],
    [{ mode: "prefix", prefix_length: -5 }, "option prefix_length must be at least 0"],
    [{ mode: "prefix", prefix_length: 1e16 }, "option prefix_length must be at most 64"],
    [{ mode: "prefix", prefix_length: 2.5 }, "option prefix_length must be a whole number"],
    [{ mode: "bucket", bucket_width: 0 }, "option bucket_width must be greater than 0"],
    [{ mode: "prefix", fill_char: "**" }, "option fill_char takes at most 1 character(s)"],
    [{ mode: "weekly" }, "option mode must be one of month, year, bucket, prefix"],
    [{}, "option mode is required"],
    [{ mode: "prefix", bogus_option: 1 }, "unknown option(s) bogus_option; allowed: mode, prefix_length, bucket_width, fill_char"],
  ])("refuses %j", (options, message) => {
    expect(check("mask.generalize", options)).toContain(message);
  });

  it("refuses a constant that is not a scalar", () => {
    expect(check("mask.constant", { value: { nested: [1, 2] } })).toEqual(["option value must be boolean or integer or number or string"]);
  });
});
