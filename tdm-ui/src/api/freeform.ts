/**
 * Shapes inside fields the spec types as free-form JSON objects: a transformer's options schema,
 * the list form of masking rules, a provisioning job's result, a synthetic quality report.
 * They mirror the agents' own structures; everything else comes from the generated schema.d.ts.
 */

/** The subset of JSON Schema that transformer options use. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
}

/** One masking rule in the list form that `RuleSetOut.rules` returns and requests accept. */
// A type alias, not an interface, so it fits the spec's `{[key: string]: unknown}` rule objects.
export type RuleEntry = {
  table: string;
  column: string;
  type: string;
  options: Record<string, unknown>;
};

/** `{"table.column": {type, options}}`: the mapping form of `SuggestedRulesOut.rules`. */
export type RuleMapping = Record<string, { type: string; options?: Record<string, unknown> }>;

export interface SmokeCheck {
  name: string;
  passed: boolean;
  detail?: string;
}

/** `result` of a provisioning job (tdm_agents.provisioning.provision). */
export interface ProvisionResult {
  tables_loaded?: string[];
  row_counts?: Record<string, number>;
  smoke_test_results?: { passed: boolean; checks: SmokeCheck[] };
  target_tables?: Record<string, string>;
  mode?: string;
}

/** One column's real-vs-synthetic distribution, as the quality report stores it. */
export interface DistributionComparison {
  table: string;
  column: string;
  labels: string[];
  real: number[];
  synthetic: number[];
}
