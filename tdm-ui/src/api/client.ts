/** The typed client generated from docs/openapi.json (`npm run generate:api`). */
import createClient, { type Middleware } from "openapi-fetch";

import { readApiKey } from "../auth/keyStore";
import { networkError } from "./problem";
import type { components, paths } from "./schema";

const apiKeyHeader: Middleware = {
  onRequest({ request }) {
    const key = readApiKey();
    if (key) request.headers.set("X-API-Key", key);
    return request;
  },
  onError({ error }) {
    return networkError(error);
  },
};

// Absolute base (openapi-fetch builds Request objects, which need one outside a page) and a fetch
// looked up per call, so a test's stubbed fetch is the one used.
export const api = createClient<paths>({
  baseUrl: globalThis.location?.origin ?? "",
  fetch: (request) => globalThis.fetch(request),
});
api.use(apiKeyHeader);

export type Schemas = components["schemas"];
export type ConnectionOut = Schemas["ConnectionOut"];
export type ConnectionCreate = Schemas["ConnectionCreate"];
export type EnvironmentOut = Schemas["EnvironmentOut"];
export type EnvironmentCreate = Schemas["EnvironmentCreate"];
export type EnvironmentConfig = Schemas["EnvironmentConfig"];
export type JobOut = Schemas["JobOut"];
export type JobDetail = Schemas["JobDetail"];
export type JobLog = Schemas["JobLogOut"];
export type JobAccepted = Schemas["JobAccepted"];
export type Operation = Schemas["Operation"];
export type SchemaSummary = Schemas["SchemaSummary"];
export type SchemaVersion = Schemas["SchemaVersionOut"];
export type SchemaDetail = Schemas["SchemaDetail"];
export type VirtualRelationship = Schemas["VirtualRelationshipOut"];
export type VirtualRelationshipCreate = Schemas["VirtualRelationshipCreate"];
export type WhoAmI = Schemas["WhoAmI"];

// PII classification and review
export type ClassifyRequest = Schemas["ClassifyRequest"];
export type PiiMap = Schemas["PiiMapOut"];
export type PiiColumn = Schemas["PiiColumnOut"];
export type ReviewItem = Schemas["ReviewItem"];
export type ReviewDecision = ReviewItem["decision"];
export type PiiType = NonNullable<ReviewItem["pii_type"]>;
export type SuggestedRules = Schemas["SuggestedRulesOut"];

// Subsetting
export type SubsetRequest = Schemas["SubsetJobRequest"];
export type SubsetPlan = Schemas["SubsetPlanResponse"];
export type FilterCondition = Schemas["FilterCondition"];
export type FilterOp = NonNullable<FilterCondition["op"]>;
export type TableMode = NonNullable<SubsetRequest["mode"]>[string];

// Masking
export type MaskRequest = Schemas["MaskRequest"];
export type MaskPreviewRequest = Schemas["PreviewRequest"];
export type MaskPreview = Schemas["PreviewResponse"];
export type RuleSetCreate = Schemas["RuleSetCreate"];
export type RuleSet = Schemas["RuleSetOut"];
export type Transformer = Schemas["TransformerOut"];
/** One rule in the list form, typed per rule type from the spec's union on `type`. */
export type MaskRuleEntry = Extract<NonNullable<MaskRequest["rules"]>, unknown[]>[number];

// Provisioning, the dataset catalog and lineage
export type ProvisionRequest = Schemas["ProvisionRequest"];
export type ProvisionMode = NonNullable<ProvisionRequest["mode"]>;
export type DatasetOut = Schemas["DatasetOut"];
export type DatasetPage = Schemas["Page_DatasetOut_"];
export type DatasetDetail = Schemas["DatasetDetail"];
export type ManifestTable = Schemas["ManifestTable"];
export type DownloadLink = Schemas["DownloadLink"];
export type LineageGraph = Schemas["LineageGraph"];
export type LineageNode = Schemas["LineageNode"];
export type ColumnLineage = Schemas["ColumnLineageOut"];

// Workflows
export type WorkflowTemplate = Schemas["WorkflowTemplate"];
export type WorkflowExecute = Schemas["WorkflowExecute"];
export type WorkflowStatus = Schemas["WorkflowStatus"];
export type WorkflowStepStatus = Schemas["WorkflowStep"];
export type StepName = NonNullable<WorkflowExecute["steps"]>[number];
export type ResumeRequest = Schemas["ResumeRequest"];

// Synthetic data
export type SyntheticRequest = Schemas["SyntheticRequest"];
export type SyntheticEngine = NonNullable<SyntheticRequest["engine"]>;
export type SyntheticPreview = Schemas["SyntheticPreview"];
export type PreviewTable = Schemas["PreviewTable"];
export type DomainPack = Schemas["DomainPackOut"];
