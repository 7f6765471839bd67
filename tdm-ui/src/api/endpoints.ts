/**
 * Calls grouped by module, through the generated, typed client: a request or response that no
 * longer matches docs/openapi.json fails the type check.
 */
import { api, type ClassifyRequest, type DatasetPage, type MaskPreviewRequest, type MaskRequest, type Operation,
  type ProvisionRequest, type ResumeRequest, type ReviewItem, type RuleSetCreate, type SubsetRequest, type SyntheticRequest,
  type WorkflowExecute } from "./client";
import { unwrap } from "./http";

const path = <T extends string>(name: T, value: string) => ({ params: { path: { [name]: value } as Record<T, string> } });

export const pii = {
  classify: async (body: ClassifyRequest) => unwrap(await api.POST("/api/v1/pii/classify", { body })),
  get: async (versionId: string) => unwrap(await api.GET("/api/v1/pii/{schema_version_id}", path("schema_version_id", versionId))),
  review: async (versionId: string, body: ReviewItem[]) =>
    unwrap(await api.PUT("/api/v1/pii/{schema_version_id}", { ...path("schema_version_id", versionId), body })),
  suggestedRules: async (versionId: string) =>
    unwrap(await api.GET("/api/v1/pii/{schema_version_id}/suggested-rules", path("schema_version_id", versionId))),
};

export const masking = {
  transformers: async () => unwrap(await api.GET("/api/v1/rules/masking/transformers")),
  /** Rule sets, latest version of each name unless `allVersions`. */
  ruleSets: async (allVersions = false) =>
    unwrap(await api.GET("/api/v1/rules/masking", { params: { query: { latest: !allVersions } } })),
  ruleSet: async (ruleSetId: string) => unwrap(await api.GET("/api/v1/rules/masking/{rule_set_id}", path("rule_set_id", ruleSetId))),
  saveRuleSet: async (body: RuleSetCreate) => unwrap(await api.POST("/api/v1/rules/masking", { body })),
  preview: async (body: MaskPreviewRequest) => unwrap(await api.POST("/api/v1/mask/preview", { body })),
  run: async (body: MaskRequest) => unwrap(await api.POST("/api/v1/mask", { body })),
};

export const subset = {
  plan: async (body: SubsetRequest) => unwrap(await api.POST("/api/v1/subset/plan", { body })),
  run: async (body: SubsetRequest) => unwrap(await api.POST("/api/v1/subset", { body })),
};

export const provisioning = {
  run: async (body: ProvisionRequest) => unwrap(await api.POST("/api/v1/provision", { body })),
};

export interface DatasetQuery {
  source_type?: string | null;
  schema_version_id?: string | null;
  status?: string | null;
  limit?: number;
  offset?: number;
}

export const datasets = {
  list: async (query: DatasetQuery): Promise<DatasetPage> => {
    // Empty filters are left out rather than sent as `?source_type=`.
    const clean = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== "" && v !== null && v !== undefined));
    return unwrap(await api.GET("/api/v1/datasets", { params: { query: clean } }));
  },
  get: async (datasetId: string) => unwrap(await api.GET("/api/v1/dataset/{dataset_id}", path("dataset_id", datasetId))),
  remove: async (datasetId: string) => {
    unwrap(await api.DELETE("/api/v1/dataset/{dataset_id}", path("dataset_id", datasetId)));
  },
  lineage: async (datasetId: string) => unwrap(await api.GET("/api/v1/lineage/dataset/{dataset_id}", path("dataset_id", datasetId))),
  files: async (datasetId: string) => unwrap(await api.GET("/api/v1/dataset/{dataset_id}/download", path("dataset_id", datasetId))),
};

export const workflows = {
  templates: async () => unwrap(await api.GET("/api/v1/workflow/templates")),
  execute: async (body: WorkflowExecute) => unwrap(await api.POST("/api/v1/workflow/execute", { body })),
  status: async (jobId: string) => unwrap(await api.GET("/api/v1/workflow/status/{job_id}", path("job_id", jobId))),
};

export const jobs = {
  resume: async (jobId: string, body: ResumeRequest) =>
    unwrap(await api.POST("/api/v1/job/{job_id}/resume", { ...path("job_id", jobId), body })),
  cancel: async (jobId: string) => unwrap(await api.POST("/api/v1/job/{job_id}/cancel", path("job_id", jobId))),
  /** Recent jobs of any of `operations` (the API takes the parameter repeated). */
  ofOperations: async (operations: Operation[], limit = 25) =>
    unwrap(await api.GET("/api/v1/jobs", { params: { query: { operation: operations, limit } } })),
};

export const synthetic = {
  domainPacks: async () => unwrap(await api.GET("/api/v1/synthetic/domain-packs")),
  preview: async (body: SyntheticRequest) => unwrap(await api.POST("/api/v1/synthetic/preview", { body })),
  run: async (body: SyntheticRequest) => unwrap(await api.POST("/api/v1/synthetic", { body })),
};
