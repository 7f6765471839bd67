/** The synthetic generator's form state, checks mirroring the API, and the request it sends. */
import type { SyntheticEngine, SyntheticRequest } from "../../api/client";

/** A picked test-case file, read as text. */
export interface TestCaseFile {
  name: string;
  content: string;
}
import { checkHttpUrl, checkIntegerInRange, type Errors } from "../../lib/validation";

export interface SyntheticForm {
  uiUrls: string[];
  apiSpecUrl: string;
  apiSpec: { name: string; content: string } | null;
  testCaseFiles: TestCaseFile[];
  domainPack: string;
  scenario: string;
  rowCounts: Record<string, string>;
  engine: SyntheticEngine;
  trainingDatasetId: string;
  schemaVersionId: string | null;
  seed: string;
  locale: string;
}

export const EMPTY_SYNTHETIC: SyntheticForm = {
  uiUrls: [], apiSpecUrl: "", apiSpec: null, testCaseFiles: [], domainPack: "", scenario: "default",
  rowCounts: {}, engine: "rules", trainingDatasetId: "", schemaVersionId: null, seed: "", locale: "en_US",
};

export const MAX_ROWS_PER_TABLE = 10_000_000;
export type SyntheticField = "sources" | "uiUrls" | "apiSpecUrl" | "rowCounts" | "training" | "seed" | "locale";

export function validateSynthetic(form: SyntheticForm): Errors<SyntheticField> {
  const errors: Errors<SyntheticField> = {};
  const hasSource = form.uiUrls.some((u) => u.trim()) || form.apiSpecUrl.trim() || form.apiSpec || form.testCaseFiles.length > 0 || form.domainPack || form.schemaVersionId;
  if (!hasSource) errors.sources = "Give at least one source: a domain pack, a schema version, UI URLs, an API spec or test-case files.";
  const badUrl = form.uiUrls.map((u) => u.trim()).filter(Boolean).find((u) => checkHttpUrl(u));
  if (badUrl) errors.uiUrls = `${badUrl}: ${checkHttpUrl(badUrl)}`;
  if (form.apiSpecUrl.trim()) errors.apiSpecUrl = checkHttpUrl(form.apiSpecUrl.trim());
  if (form.apiSpecUrl.trim() && form.apiSpec) errors.apiSpecUrl = "Give the spec as a URL or as a file, not both.";
  const badCount = Object.entries(form.rowCounts).find(([, v]) => checkIntegerInRange(v, 0, MAX_ROWS_PER_TABLE, "Row count"));
  if (badCount) errors.rowCounts = `${badCount[0]}: ${checkIntegerInRange(badCount[1], 0, MAX_ROWS_PER_TABLE, "Row count")}`;
  if (form.engine === "sdv" && !form.trainingDatasetId) errors.training = "The learned engine needs a training dataset version (ideally masked).";
  errors.seed = checkIntegerInRange(form.seed, 0, 2_147_483_647, "Seed");
  if (form.locale && !/^[a-z]{2}(_[A-Z]{2})?$/.test(form.locale)) errors.locale = "A locale such as en_US or de_DE.";
  return errors;
}

export function toSyntheticRequest(form: SyntheticForm): SyntheticRequest {
  return {
    ui_urls: form.uiUrls.map((u) => u.trim()).filter(Boolean),
    api_spec_url: form.apiSpecUrl.trim() || null,
    api_spec: form.apiSpec?.content ?? null,
    schema_version_id: form.schemaVersionId,
    domain_pack: form.domainPack || null,
    row_counts: Object.fromEntries(Object.entries(form.rowCounts).filter(([, v]) => v.trim() !== "").map(([k, v]) => [k, Number(v)])),
    scenario_template: form.scenario || null,
    // The API takes test cases as {filename: text}.
    test_case_files: Object.fromEntries(form.testCaseFiles.map((f) => [f.name, f.content])),
    training_dataset_version_id: form.engine === "sdv" ? form.trainingDatasetId : null,
    engine: form.engine,
    seed: form.seed ? Number(form.seed) : null,
    locale: form.locale || null,
  };
}

/** Read picked files as text (specs and test cases are small text files). */
export async function readFiles(files: FileList | File[]): Promise<TestCaseFile[]> {
  return Promise.all([...files].map(async (file) => ({ name: file.name, content: await file.text() })));
}
