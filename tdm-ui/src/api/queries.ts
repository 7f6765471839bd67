/** TanStack Query hooks for the endpoints in the generated spec. */
import { useQuery } from "@tanstack/react-query";

import { api, type Operation } from "./client";
import { unwrap } from "./http";
import { asSnapshot } from "./snapshot";

export const keys = {
  connections: ["connections"] as const,
  environments: ["environments"] as const,
  schemas: ["schemas"] as const,
  versions: (schemaId: string) => ["schemas", schemaId, "versions"] as const,
  schema: (schemaId: string, version?: number) => ["schemas", schemaId, "detail", version ?? "latest"] as const,
  relationships: (schemaId: string) => ["schemas", schemaId, "relationships"] as const,
  jobs: (filters: object) => ["jobs", filters] as const,
  job: (jobId: string) => ["job", jobId] as const,
};

export function useConnections(enabled = true) {
  return useQuery({
    queryKey: keys.connections,
    queryFn: async () => unwrap(await api.GET("/api/v1/connections")),
    enabled,
  });
}

export function useEnvironments() {
  return useQuery({
    queryKey: keys.environments,
    queryFn: async () => unwrap(await api.GET("/api/v1/environments")),
  });
}

export function useSchemas() {
  return useQuery({ queryKey: keys.schemas, queryFn: async () => unwrap(await api.GET("/api/v1/schemas")) });
}

export function useSchemaVersions(schemaId: string | undefined) {
  return useQuery({
    queryKey: keys.versions(schemaId ?? ""),
    enabled: Boolean(schemaId),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/schema/{schema_id}/versions", { params: { path: { schema_id: schemaId ?? "" } } })),
  });
}

export function useSchemaDetail(schemaId: string | undefined, version?: number) {
  return useQuery({
    queryKey: keys.schema(schemaId ?? "", version),
    enabled: Boolean(schemaId),
    queryFn: async () => {
      const detail = unwrap(
        await api.GET("/api/v1/schema/{schema_id}", {
          params: { path: { schema_id: schemaId ?? "" }, query: { version: version ?? null } },
        }),
      );
      return { ...detail, parsed: asSnapshot(detail.snapshot) };
    },
  });
}

export interface JobFilters {
  /** Any of these operations (none: all). */
  operations?: Operation[];
  status?: string;
  limit?: number;
  offset?: number;
}

type JobStatusFilter = "queued" | "running" | "awaiting_approval" | "succeeded" | "failed" | "cancelled";

export function useJobs(filters: JobFilters, refetchInterval: number | false = 5000) {
  return useQuery({
    queryKey: keys.jobs(filters),
    refetchInterval,
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/jobs", {
          params: {
            query: {
              operation: filters.operations?.length ? filters.operations : null,
              status: (filters.status || null) as JobStatusFilter | null,
              limit: filters.limit ?? 25,
              offset: filters.offset ?? 0,
            },
          },
        }),
      ),
  });
}

export function useJob(jobId: string | undefined, refetchInterval: number | false = false) {
  return useQuery({
    queryKey: keys.job(jobId ?? ""),
    enabled: Boolean(jobId),
    refetchInterval,
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/job/{job_id}", { params: { path: { job_id: jobId ?? "" }, query: { logs_limit: 500 } } })),
  });
}
