import { EMPTY_SYNTHETIC, MAX_SEED, MAX_TOTAL_ROWS, type SyntheticForm, toSyntheticRequest, validateSynthetic, withDomainPack } from "./syntheticForm";

const ecommerce: SyntheticForm = { ...EMPTY_SYNTHETIC, domainPack: "ecommerce" };
const packs = [
  { name: "ecommerce", entities: ["customer", "product", "order"], scenarios: ["default", "edge_cases", "black_friday"] },
  { name: "banking", entities: ["customer", "account"], scenarios: ["default", "edge_cases"] },
];

describe("synthetic form", () => {
  it("needs at least one source", () => {
    expect(validateSynthetic(EMPTY_SYNTHETIC).sources).toMatch(/at least one source/);
    for (const source of [
      { domainPack: "ecommerce" }, { schemaVersionId: "sv-1" }, { uiUrls: ["https://app.example.com/register"] },
      { apiSpecUrl: "https://api.example.com/openapi.json" }, { apiSpec: { name: "api.yaml", content: "openapi: 3.0.0" } },
      { testCaseFiles: [{ name: "signup.feature", content: "Feature: sign up" }] },
    ]) {
      expect(validateSynthetic({ ...EMPTY_SYNTHETIC, ...source }).sources).toBeUndefined();
    }
    // Blank URL rows are no source.
    expect(validateSynthetic({ ...EMPTY_SYNTHETIC, uiUrls: ["  "] }).sources).toBeDefined();
  });

  it("takes a training dataset with a schema version as the sdv engine's only source, as the API does", () => {
    const sdv = { ...EMPTY_SYNTHETIC, engine: "sdv" as const, trainingDatasetId: "ds-1" };
    expect(validateSynthetic(sdv, { trainingSchemaVersionId: "sv-1" }).sources).toBeUndefined();
    expect(validateSynthetic(sdv, { trainingSchemaVersionId: null }).sources).toBeDefined();
    expect(validateSynthetic({ ...sdv, engine: "rules" }, { trainingSchemaVersionId: "sv-1" }).sources).toBeDefined();
  });

  it("wants row counts that are whole, positive and under the cap in all", () => {
    const rows = (rowCounts: Record<string, string>) => validateSynthetic({ ...ecommerce, rowCounts }).rowCounts;
    expect(rows({ customer: "0" })).toMatch(/^customer: Row count must be between 1 and/);
    expect(rows({ customer: "-5" })).toMatch(/between 1 and/);
    expect(rows({ customer: "2.5" })).toMatch(/whole number/);
    expect(rows({ customer: "many" })).toMatch(/whole number/);
    expect(rows({ customer: String(MAX_TOTAL_ROWS + 1) })).toMatch(/between 1 and/);
    expect(rows({ customer: "30000000", product: "30000000" })).toMatch(/60,000,000 rows in all; the limit is 50,000,000/);
    expect(rows({ customer: "1", product: "20000000", order: "" })).toBeUndefined();
  });

  it("needs a training dataset for the learned engine", () => {
    expect(validateSynthetic({ ...ecommerce, engine: "sdv" }).training).toMatch(/training dataset/);
    expect(validateSynthetic({ ...ecommerce, engine: "sdv", trainingDatasetId: "ds-1" }).training).toBeUndefined();
    expect(validateSynthetic({ ...ecommerce, engine: "rules" }).training).toBeUndefined();
  });

  it("checks URLs, the spec, seed and locale like the API", () => {
    const errors = validateSynthetic({ ...ecommerce, uiUrls: ["ftp://example.org/form"], apiSpecUrl: "file:///etc/passwd", seed: "-1", locale: "english" });
    expect(errors.uiUrls).toMatch(/^ftp:\/\/example.org\/form: Use an http/);
    expect(errors.apiSpecUrl).toMatch(/http/);
    expect(errors.seed).toMatch(/between 0 and/);
    expect(errors.locale).toMatch(/en_US/);
    expect(validateSynthetic({ ...ecommerce, apiSpecUrl: "https://x.example/api.json", apiSpec: { name: "a.json", content: "{}" } }).apiSpecUrl).toMatch(/not both/);
    expect(validateSynthetic({ ...ecommerce, uiUrls: Array.from({ length: 21 }, (_, i) => `https://app.example.com/${i}`) }).uiUrls).toMatch(/At most 20/);
    expect(validateSynthetic({ ...ecommerce, testCaseFiles: Array.from({ length: 51 }, (_, i) => ({ name: `${i}.feature`, content: "" })) }).testCaseFiles).toMatch(/At most 50/);
    // Seeds past 2^31 are fine for the API; locales with three-letter languages exist in Faker (fil_PH).
    expect(validateSynthetic({ ...ecommerce, seed: "3000000000", locale: "fil_PH" })).toEqual({});
    expect(validateSynthetic({ ...ecommerce, seed: String(MAX_SEED + 2) }).seed).toBeDefined();
  });

  it("refuses URL sources for a preview, which reads only what needs no fetching", () => {
    const withUrls = { ...ecommerce, uiUrls: ["https://app.example.com/register"], apiSpecUrl: "https://api.example.com/openapi.json" };
    const errors = validateSynthetic(withUrls, { preview: true });
    expect(errors.uiUrls).toMatch(/fetched only when the job runs/);
    expect(errors.apiSpecUrl).toMatch(/fetched only when the job runs/);
    expect(validateSynthetic(withUrls)).toEqual({});
    expect(validateSynthetic({ ...EMPTY_SYNTHETIC, uiUrls: ["https://app.example.com/register"] }, { preview: true }).sources).toMatch(/preview can read/);
    expect(validateSynthetic(ecommerce, { preview: true })).toEqual({});
  });

  it("builds the request the API expects", () => {
    const form: SyntheticForm = {
      ...EMPTY_SYNTHETIC, domainPack: "ecommerce", scenario: "edge_cases", rowCounts: { customer: "25", product: " 10 ", order: "" },
      uiUrls: [" https://app.example.com/register ", ""], testCaseFiles: [{ name: "signup.feature", content: "Feature: sign up" }],
      seed: "42", locale: "de_DE", trainingDatasetId: "ds-1",
    };
    expect(validateSynthetic(form)).toEqual({});
    expect(toSyntheticRequest(form)).toEqual({
      ui_urls: ["https://app.example.com/register"], api_spec_url: null, api_spec: null, schema_version_id: null,
      domain_pack: "ecommerce", row_counts: { customer: 25, product: 10 }, scenario_template: "edge_cases",
      test_case_files: { "signup.feature": "Feature: sign up" },
      // The rules engine does not learn: the picked training dataset stays out.
      training_dataset_version_id: null, engine: "rules", seed: 42, locale: "de_DE",
    });
    expect(toSyntheticRequest({ ...form, engine: "sdv" })).toMatchObject({ engine: "sdv", training_dataset_version_id: "ds-1" });
    expect(toSyntheticRequest({ ...EMPTY_SYNTHETIC, schemaVersionId: "sv-1", seed: " ", locale: "" })).toMatchObject({
      schema_version_id: "sv-1", domain_pack: null, seed: null, locale: null, row_counts: {},
    });
  });

  it("drops the previous pack's row counts and scenario when the pack changes", () => {
    const form: SyntheticForm = { ...ecommerce, scenario: "black_friday", rowCounts: { customer: "5", order: "9", invoice: "3" } };
    const banking = withDomainPack(form, "banking", packs);
    expect(banking).toMatchObject({ domainPack: "banking", scenario: "default", rowCounts: { customer: "5", invoice: "3" } });
    expect(withDomainPack({ ...ecommerce, scenario: "edge_cases" }, "banking", packs).scenario).toBe("edge_cases");
    expect(withDomainPack(form, "", packs)).toMatchObject({ domainPack: "", scenario: "default", rowCounts: { invoice: "3" } });
  });
});
