/** Pure rule-set logic for the masking rule builder: checks, suggestions, option defaults. */
import type { MaskRequest, Transformer as TransformerInfo } from "../../api/client";
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

export function unwrapNullable(schema: JsonSchema): JsonSchema {
  if (schema.anyOf) {
    const concrete = schema.anyOf.find((s) => s.type !== "null");
    if (concrete) return { ...concrete, title: schema.title ?? concrete.title, description: schema.description ?? concrete.description, default: schema.default };
  }
  return schema;
}

export function columnCategory(snapshot: SchemaSnapshot, table: string, column: string): string | null {
  const t = snapshot.tables.find((x) => tableKey(x.schema_name, x.name) === table);
  return t?.columns.find((c) => c.name === column)?.type_category ?? null;
}

export function transformersFor(category: string | null, transformers: TransformerInfo[]): TransformerInfo[] {
  if (!category) return transformers;
  return transformers.filter((t) => t.categories.length === 0 || t.categories.includes(category));
}

function optionProblem(name: string, schema: JsonSchema, value: unknown, required: boolean): string | null {
  const s = unwrapNullable(schema);
  if (value === undefined || value === null || value === "") return required && s.default === undefined ? `option ${name} is required` : null;
  if ((s.type === "integer" || s.type === "number") && typeof value === "number") {
    if (s.type === "integer" && !Number.isInteger(value)) return `option ${name} must be a whole number`;
    if (s.minimum !== undefined && value < s.minimum) return `option ${name} must be at least ${s.minimum}`;
    if (s.maximum !== undefined && value > s.maximum) return `option ${name} must be at most ${s.maximum}`;
  }
  if (s.enum && !s.enum.includes(value)) return `option ${name} must be one of ${s.enum.join(", ")}`;
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

/** Drop options left empty, so the server fills its defaults. */
export function cleanRules(rules: RuleEntry[]): RuleEntry[] {
  return rules.map((r) => ({
    ...r,
    options: Object.fromEntries(Object.entries(r.options).filter(([, v]) => v !== undefined && v !== "" && v !== null)),
  }));
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
