/** Workflow requests: the quick-synthetic and full-workflow forms, checks, and template presets. */
import type { StepName, WorkflowExecute, WorkflowTemplate } from "../../api/client";
import { WORKFLOW_STEPS } from "../../api/enums";
import { checkHttpUrl, checkIntegerInRange, checkPercentage, type Errors, SQL_IDENTIFIER } from "../../lib/validation";

export interface WorkflowForm {
  template: string;
  steps: StepName[];
  connectionId: string;
  rootTable: string;
  urls: string[];
  domainPack: string;
  /** Rows of `rowsEntity`; related entities scale from it. */
  rows: string;
  rowsEntity: string;
  targetEnv: string;
  targetSchema: string;
  samplingPct: string;
  approvePii: boolean;
}

const BLANK: WorkflowForm = {
  template: "full_workflow", steps: [], connectionId: "", rootTable: "", urls: [], domainPack: "", rows: "",
  rowsEntity: "", targetEnv: "", targetSchema: "", samplingPct: "", approvePii: false,
};

export const QUICK_SYNTHETIC: WorkflowForm = {
  ...BLANK, template: "quick_synthetic", steps: ["synthetic"], domainPack: "ecommerce", rows: "1000", rowsEntity: "customer",
};

export const FULL_WORKFLOW: WorkflowForm = { ...BLANK, steps: [...WORKFLOW_STEPS], samplingPct: "10" };

export type WorkflowField = "steps" | "connection" | "rootTable" | "urls" | "rows" | "env" | "targetSchema" | "sampling" | "sources";

const NEEDS_SOURCE_DB: StepName[] = ["discover_schema", "pii_classification", "subsetting", "masking"];

/** The template's own requirements (GET /workflow/templates `requires`), checked before sending. */
export function validateWorkflow(form: WorkflowForm): Errors<WorkflowField> {
  const errors: Errors<WorkflowField> = {};
  if (form.steps.length === 0) errors.steps = "Choose at least one operation.";
  if (form.steps.some((s) => NEEDS_SOURCE_DB.includes(s)) && !form.connectionId) errors.connection = "Discovery, PII, subset and mask need a source connection.";
  if (form.steps.includes("subsetting") && !form.rootTable.trim()) errors.rootTable = "Name the table the subset starts from (e.g. customers).";
  if (form.steps.includes("provisioning") && !form.targetEnv) errors.env = "Provisioning needs a target environment.";
  if (form.targetSchema && !SQL_IDENTIFIER.test(form.targetSchema)) errors.targetSchema = "A schema name: letters, digits and '_'.";
  if (form.steps.includes("synthetic") && !form.domainPack && form.urls.every((u) => !u.trim()) && !form.connectionId) {
    errors.sources = "Synthetic generation needs a domain pack, test-case URLs or a source connection.";
  }
  const bad = form.urls.map((u) => u.trim()).filter(Boolean).find((u) => checkHttpUrl(u));
  if (bad) errors.urls = `${bad}: ${checkHttpUrl(bad)}`;
  errors.rows = checkIntegerInRange(form.rows, 1, 10_000_000, "Rows");
  errors.sampling = checkPercentage(form.samplingPct);
  return errors;
}

function syntheticOverrides(form: WorkflowForm): Record<string, unknown> {
  const synthetic: Record<string, unknown> = {};
  if (form.domainPack) synthetic.domain_pack = form.domainPack;
  if (form.rows && form.rowsEntity) synthetic.row_counts = { [form.rowsEntity]: Number(form.rows) };
  const urls = form.urls.map((u) => u.trim()).filter(Boolean);
  if (urls.length) synthetic.ui_urls = urls;
  return synthetic;
}

/** The template plus only the fields the user set, nested per step as the API's overrides. */
export function toWorkflowRequest(form: WorkflowForm): WorkflowExecute {
  const overrides: Record<string, unknown> = {};
  if (form.connectionId) overrides.connection_id = form.connectionId;
  if (form.targetEnv) overrides.target_env = form.targetEnv;
  if (form.steps.includes("pii_classification")) overrides.approve_pii = form.approvePii;
  const subset: Record<string, unknown> = {};
  if (form.rootTable.trim()) subset.root_table = form.rootTable.trim();
  if (form.samplingPct) subset.sampling_pct = Number(form.samplingPct);
  if (Object.keys(subset).length) overrides.subset = subset;
  if (form.targetSchema) overrides.provision = { target_schema: form.targetSchema };
  const synthetic = syntheticOverrides(form);
  if (Object.keys(synthetic).length) overrides.synthetic = synthetic;
  return { template: form.template, steps: WORKFLOW_STEPS.filter((s) => form.steps.includes(s)), overrides };
}

type Defaults = {
  synthetic?: { domain_pack?: string; ui_urls?: string[]; row_counts?: Record<string, number> };
  subset?: { sampling_pct?: number; root_table?: string };
  target_env?: string;
  approve_pii?: boolean;
};

/** A template fills the form; the user may still change any field before running. */
export function applyTemplate(template: WorkflowTemplate, base: WorkflowForm): WorkflowForm {
  const d = (template.defaults ?? {}) as Defaults;
  const [entity, rows] = Object.entries(d.synthetic?.row_counts ?? {})[0] ?? [base.rowsEntity, undefined];
  return {
    ...base,
    template: template.name,
    steps: WORKFLOW_STEPS.filter((s) => template.steps.includes(s)),
    domainPack: d.synthetic?.domain_pack ?? base.domainPack,
    urls: d.synthetic?.ui_urls ?? base.urls,
    rows: rows !== undefined ? String(rows) : base.rows,
    rowsEntity: entity,
    rootTable: d.subset?.root_table ?? base.rootTable,
    targetEnv: d.target_env ?? base.targetEnv,
    samplingPct: d.subset?.sampling_pct !== undefined ? String(d.subset.sampling_pct) : base.samplingPct,
    approvePii: d.approve_pii ?? base.approvePii,
  };
}
