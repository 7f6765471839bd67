/** The synthetic generator's form state, checks mirroring the API, and the request it sends. */
import type { SyntheticEngine, SyntheticRequest } from "../../api/client";
import { checkHttpUrl, checkIntegerInRange, type Errors } from "../../lib/validation";

/** A picked test-case file, read as text. */
export interface TestCaseFile {
  name: string;
  content: string;
}

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

/** The API's default cap on rows over all tables (TDM_SYNTHETIC_MAX_ROWS); a server set lower says so itself. */
export const MAX_TOTAL_ROWS = 50_000_000;
/** The API takes seeds up to 2^63-1; past 2^53-1 a JavaScript number would send another seed than typed. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;
export const MAX_UI_URLS = 20;
export const MAX_TEST_CASE_FILES = 50;
export const MAX_SPEC_URL_LENGTH = 2000;

export type SyntheticField = "sources" | "uiUrls" | "apiSpecUrl" | "testCaseFiles" | "rowCounts" | "training" | "seed" | "locale";

export interface SyntheticCheck {
  /** Checking for `POST /synthetic/preview`: it reads no URLs (only a job fetches them). */
  preview?: boolean;
  /**
   * The schema version of the chosen training dataset: with the sdv engine and no other source,
   * the API generates that schema.
   */
  trainingSchemaVersionId?: string | null;
}

const PREVIEW_NO_URLS = "A preview reads domain packs, schema versions, uploaded specs and test-case files; URLs are fetched only when the job runs.";

export function validateSynthetic(form: SyntheticForm, check: SyntheticCheck = {}): Errors<SyntheticField> {
  const errors: Errors<SyntheticField> = {};
  const uiUrls = form.uiUrls.map((u) => u.trim()).filter(Boolean);
  const apiSpecUrl = form.apiSpecUrl.trim();
  const readable = Boolean(form.apiSpec || form.testCaseFiles.length > 0 || form.domainPack || form.schemaVersionId);
  const learnsSchema = form.engine === "sdv" && Boolean(form.trainingDatasetId) && Boolean(check.trainingSchemaVersionId);
  if (check.preview) {
    if (!readable) errors.sources = "Give a source a preview can read: a domain pack, a schema version, an uploaded API spec or test-case files.";
  } else if (!readable && uiUrls.length === 0 && !apiSpecUrl && !learnsSchema) {
    errors.sources = "Give at least one source: a domain pack, a schema version, UI URLs, an API spec or test-case files.";
  }

  if (check.preview && uiUrls.length > 0) errors.uiUrls = PREVIEW_NO_URLS;
  else if (uiUrls.length > MAX_UI_URLS) errors.uiUrls = `At most ${MAX_UI_URLS} UI URLs.`;
  else {
    const badUrl = uiUrls.find((u) => checkHttpUrl(u));
    if (badUrl) errors.uiUrls = `${badUrl}: ${checkHttpUrl(badUrl)}`;
  }

  if (apiSpecUrl) {
    if (check.preview) errors.apiSpecUrl = PREVIEW_NO_URLS;
    else if (apiSpecUrl.length > MAX_SPEC_URL_LENGTH) errors.apiSpecUrl = `At most ${MAX_SPEC_URL_LENGTH.toLocaleString()} characters.`;
    else errors.apiSpecUrl = checkHttpUrl(apiSpecUrl);
    if (form.apiSpec) errors.apiSpecUrl = "Give the spec as a URL or as a file, not both.";
  }

  if (form.testCaseFiles.length > MAX_TEST_CASE_FILES) errors.testCaseFiles = `At most ${MAX_TEST_CASE_FILES} test-case files.`;

  errors.rowCounts = checkRowCounts(form.rowCounts);
  if (form.engine === "sdv" && !form.trainingDatasetId) errors.training = "The learned engine needs a training dataset version (ideally masked).";
  errors.seed = checkIntegerInRange(form.seed, 0, MAX_SEED, "Seed");
  const locale = form.locale.trim();
  if (locale && (locale.length > 20 || !/^[a-z]{2,3}(_[A-Z]{2})?$/.test(locale))) errors.locale = "A locale such as en_US or de_DE.";
  return errors;
}

/** Every given count a whole number of at least 1, and all of them together under the cap. */
function checkRowCounts(rowCounts: Record<string, string>): string | undefined {
  const given = Object.entries(rowCounts).filter(([, v]) => v.trim() !== "");
  for (const [entity, raw] of given) {
    const problem = checkIntegerInRange(raw, 1, MAX_TOTAL_ROWS, "Row count");
    if (problem) return `${entity}: ${problem}`;
  }
  const total = given.reduce((sum, [, v]) => sum + Number(v), 0);
  if (total > MAX_TOTAL_ROWS) return `${total.toLocaleString()} rows in all; the limit is ${MAX_TOTAL_ROWS.toLocaleString()}.`;
  return undefined;
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
    training_dataset_version_id: form.engine === "sdv" ? form.trainingDatasetId || null : null,
    engine: form.engine,
    seed: form.seed.trim() ? Number(form.seed) : null,
    locale: form.locale.trim() || null,
  };
}

/**
 * The form after choosing another domain pack: row counts typed for entities of the previous
 * pack that the new one lacks are dropped, and a scenario the new pack does not have falls back
 * to default (the API refuses both).
 */
export function withDomainPack(
  form: SyntheticForm,
  name: string,
  packs: { name: string; entities: string[]; scenarios: string[] }[],
): SyntheticForm {
  const previous = packs.find((p) => p.name === form.domainPack);
  const next = packs.find((p) => p.name === name);
  const dropped = new Set((previous?.entities ?? []).filter((e) => !next?.entities.includes(e)));
  const rowCounts = Object.fromEntries(Object.entries(form.rowCounts).filter(([entity]) => !dropped.has(entity)));
  const scenarios = next?.scenarios ?? ["default", "edge_cases"];
  return { ...form, domainPack: name, rowCounts, scenario: scenarios.includes(form.scenario) ? form.scenario : "default" };
}

/** Read picked files as text (specs and test cases are small text files). */
export async function readFiles(files: FileList | File[]): Promise<TestCaseFile[]> {
  return Promise.all([...files].map(async (file) => ({ name: file.name, content: await file.text() })));
}
