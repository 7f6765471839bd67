/** Pure rule-set logic for the masking rule builder: checks, suggestions, option defaults. */
import type { MaskRequest, MaskRuleEntry, Transformer as TransformerInfo } from "../../api/client";
import type { JsonSchema, RuleEntry, RuleMapping } from "../../api/freeform";
import { type SchemaSnapshot, tableKey } from "../../api/snapshot";
import { RULE_SET_NAME } from "../../lib/validation";

/** Split a suggested-rules key `table.column` (the table may itself be `schema.table`). */
export function splitTarget(target: string): { table: string; column: string } {
  const dot = target.lastIndexOf(".");
  return { table: target.slice(0, dot), column: target.slice(dot + 1) };
}

/** A transformer's options schema (free-form in the spec) read as the JSON Schema it is. */
export function optionsSchema(transformer: TransformerInfo): JsonSchema {
  return transformer.options_schema as JsonSchema;
}

/** Rules as stored (`RuleSetOut.rules`, `PreviewResponse.rules`) in the builder's list form. */
export function toRuleEntries(rules: Record<string, unknown>[]): RuleEntry[] {
  return rules.map((r) => ({
    table: String(r.table ?? ""),
    column: String(r.column ?? ""),
    type: String(r.type ?? ""),
    options: { ...((r.options as Record<string, unknown> | null | undefined) ?? {}) },
  }));
}

/** Add suggestions for columns that have no rule yet; the user's own rules win. */
export function mergeSuggested(rules: RuleEntry[], suggested: RuleMapping): RuleEntry[] {
  const taken = new Set(rules.map((r) => `${r.table}.${r.column}`));
  const added = Object.entries(suggested)
    .filter(([target]) => !taken.has(target))
    .map(([target, rule]) => ({ ...splitTarget(target), type: rule.type, options: { ...(rule.options ?? {}) } }));
  return [...rules, ...added];
}

/** The concrete schema of an optional option (`anyOf: [X, null]`); several concrete types stay a union. */
export function unwrapNullable(schema: JsonSchema): JsonSchema {
  if (schema.anyOf) {
    const concrete = schema.anyOf.filter((s) => s.type !== "null");
    const only = concrete.length === 1 ? concrete[0] : undefined;
    if (only) return { ...only, title: schema.title ?? only.title, description: schema.description ?? only.description, default: schema.default };
  }
  return schema;
}

/** Whether an option takes any of several scalar types (e.g. mask.constant's value). */
export function isScalarUnion(schema: JsonSchema): boolean {
  return (schema.anyOf ?? []).filter((s) => s.type !== "null").length > 1;
}

/** Text typed into a scalar-union option: JSON numbers and booleans as such, anything else as text. */
export function parseScalar(text: string): unknown {
  if (text === "") return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "number" || typeof parsed === "boolean") return parsed;
  } catch {
    // not JSON: plain text
  }
  return text;
}

export function columnCategory(snapshot: SchemaSnapshot, table: string, column: string): string | null {
  const t = snapshot.tables.find((x) => tableKey(x.schema_name, x.name) === table);
  return t?.columns.find((c) => c.name === column)?.type_category ?? null;
}

export function transformersFor(category: string | null, transformers: TransformerInfo[]): TransformerInfo[] {
  if (!category) return transformers;
  return transformers.filter((t) => t.categories.length === 0 || t.categories.includes(category));
}

function numberProblem(name: string, s: JsonSchema, value: unknown): string | null {
  if (typeof value !== "number" || !Number.isFinite(value)) return `option ${name} must be a number`;
  if (s.type === "integer" && !Number.isInteger(value)) return `option ${name} must be a whole number`;
  if (s.minimum !== undefined && value < s.minimum) return `option ${name} must be at least ${s.minimum}`;
  if (s.maximum !== undefined && value > s.maximum) return `option ${name} must be at most ${s.maximum}`;
  if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum) return `option ${name} must be greater than ${s.exclusiveMinimum}`;
  if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum) return `option ${name} must be less than ${s.exclusiveMaximum}`;
  return null;
}

function stringProblem(name: string, s: JsonSchema, value: unknown): string | null {
  if (typeof value !== "string") return `option ${name} must be text`;
  if (s.minLength !== undefined && value.length < s.minLength) return `option ${name} needs at least ${s.minLength} character(s)`;
  if (s.maxLength !== undefined && value.length > s.maxLength) return `option ${name} takes at most ${s.maxLength} character(s)`;
  if (s.pattern !== undefined && !new RegExp(s.pattern, "u").test(value)) return `option ${name} does not have the expected form`;
  return null;
}

/** The first way `value` breaks its option's schema (the server's rules, checked before submit), or null. */
export function optionProblem(name: string, schema: JsonSchema, value: unknown, required: boolean): string | null {
  const s = unwrapNullable(schema);
  if (value === undefined || value === null || value === "") return required && s.default === undefined ? `option ${name} is required` : null;
  if (s.enum) return s.enum.includes(value) ? null : `option ${name} must be one of ${s.enum.join(", ")}`;
  if (isScalarUnion(s)) {
    const fits = (s.anyOf ?? []).some((member) => member.type !== "null" && optionProblem(name, member, value, false) === null);
    return fits ? null : `option ${name} must be ${(s.anyOf ?? []).map((m) => m.type).filter((t) => t !== "null").join(" or ")}`;
  }
  if (s.type === "integer" || s.type === "number") return numberProblem(name, s, value);
  if (s.type === "string") return stringProblem(name, s, value);
  if (s.type === "boolean" && typeof value !== "boolean") return `option ${name} must be true or false`;
  if (s.type === "array") {
    if (!Array.isArray(value)) return `option ${name} must be a list`;
    if (s.minItems !== undefined && value.length < s.minItems) return `option ${name} needs at least ${s.minItems} item(s)`;
    if (s.maxItems !== undefined && value.length > s.maxItems) return `option ${name} takes at most ${s.maxItems} item(s)`;
  }
  if (s.type === "object" && (typeof value !== "object" || Array.isArray(value))) return `option ${name} must be an object`;
  return null;
}

/** Problems per rule index, in the API's words where it can (unknown column, type mismatch…). */
export function validateRules(rules: RuleEntry[], snapshot: SchemaSnapshot, transformers: TransformerInfo[]): Map<number, string[]> {
  const problems = new Map<number, string[]>();
  const seen = new Map<string, number>();
  rules.forEach((rule, index) => {
    const list: string[] = [];
    const target = `${rule.table}.${rule.column}`;
    const category = columnCategory(snapshot, rule.table, rule.column);
    if (!rule.table || !rule.column) list.push("choose a table and a column");
    else if (category === null) list.push(`${target} is not a column of this schema version`);
    if (seen.has(target)) list.push(`${target} already has a rule (rule ${(seen.get(target) ?? 0) + 1})`);
    seen.set(target, index);
    const transformer = transformers.find((t) => t.name === rule.type);
    if (!rule.type) list.push("choose a rule type");
    else if (!transformer) list.push(`unknown rule type ${rule.type}`);
    else {
      if (category && transformer.categories.length > 0 && !transformer.categories.includes(category)) {
        list.push(`${rule.type} does not accept ${category} columns`);
      }
      const options = optionsSchema(transformer);
      const props = options.properties ?? {};
      const required = new Set(options.required ?? []);
      for (const [name, schema] of Object.entries(props)) {
        const problem = optionProblem(name, schema, rule.options[name], required.has(name));
        if (problem) list.push(problem);
      }
      const unknown = Object.keys(rule.options).filter((name) => !(name in props) && rule.options[name] !== undefined);
      if (unknown.length) list.push(`unknown option(s) ${unknown.join(", ")}; allowed: ${Object.keys(props).join(", ") || "none"}`);
    }
    if (list.length) problems.set(index, list);
  });
  return problems;
}

export function checkRuleSetName(name: string): string | undefined {
  if (!name.trim()) return "Name the rule set.";
  if (name.length > 255) return "At most 255 characters.";
  if (!RULE_SET_NAME.test(name)) return "Letters, digits, spaces, '_', '.', ':' and '-'.";
  return undefined;
}

/**
 * Drop options left empty, so the server fills its defaults. The result is typed as the spec's
 * per-rule-type union: callers send only rules `validateRules` passed (the server checks again).
 */
export function cleanRules(rules: RuleEntry[]): MaskRuleEntry[] {
  return rules.map((r) => ({
    ...r,
    options: Object.fromEntries(Object.entries(r.options).filter(([, v]) => v !== undefined && v !== "" && v !== null)),
  })) as MaskRuleEntry[];
}

/** Where a mask run takes its rules from. */
export type RuleSource = "screen" | "saved" | "suggested";

/**
 * The `POST /mask` body for a source of rules: exactly one of `rule_set_id`, `rules` or
 * `use_suggested_rules`, as the API requires.
 */
export function toMaskRequest(datasetVersionId: string, source: RuleSource, ruleSetId: string | null, rules: RuleEntry[]): MaskRequest {
  if (source === "suggested") return { dataset_version_id: datasetVersionId, use_suggested_rules: true };
  if (source === "saved" && ruleSetId) return { dataset_version_id: datasetVersionId, rule_set_id: ruleSetId };
  return { dataset_version_id: datasetVersionId, rules: cleanRules(rules) };
}

/** Why a mask run cannot start yet, or null. Suggested rules come from the server, so only they skip the checks. */
export function maskRunProblem(datasetVersionId: string, source: RuleSource, ruleCount: number, valid: boolean): string | null {
  if (!datasetVersionId) return "Choose the dataset version to mask.";
  if (source === "suggested") return null;
  if (ruleCount === 0) return "Add at least one rule.";
  if (!valid) return "Fix the rules marked in red first.";
  return null;
}
