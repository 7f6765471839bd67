/**
 * Which endpoints this server has, read from its own OpenAPI document, so modules whose API is
 * not deployed yet can say so instead of failing on click.
 */
import { useQuery } from "@tanstack/react-query";

import { API_PREFIX } from "./http";

type Paths = Record<string, Record<string, unknown>>;

async function fetchPaths(): Promise<Paths> {
  const response = await fetch(`${API_PREFIX}/openapi.json`, { headers: { Accept: "application/json" } });
  if (!response.ok) return {};
  const document = (await response.json()) as { paths?: Paths };
  return document.paths ?? {};
}

export function useApiPaths() {
  return useQuery({ queryKey: ["openapi-paths"], queryFn: fetchPaths, staleTime: 5 * 60_000 });
}

/**
 * Whether `method path` (e.g. "post", "/subset") exists. Unknown while loading, and when the
 * document cannot be read, counts as available: the endpoint's own 404 then decides.
 */
export function useEndpointAvailable(method: string, path: string): boolean {
  const { data } = useApiPaths();
  if (!data || Object.keys(data).length === 0) return true;
  return Boolean(data[`${API_PREFIX}${path}`]?.[method.toLowerCase()]);
}
