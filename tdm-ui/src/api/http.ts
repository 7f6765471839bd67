/**
 * The one place that talks HTTP: adds the API key, turns error bodies into ApiError.
 *
 * Endpoints present in docs/openapi.json go through the generated, typed `api` client
 * (client.ts, endpoints.ts); only endpoints the spec does not describe yet use `requestJson`
 * with hand-written shapes (syntheticContracts.ts).
 */
import { readApiKey } from "../auth/keyStore";
import { ApiError, networkError, toApiError } from "./problem";

export const API_PREFIX = "/api/v1";

export function authHeaders(extra?: HeadersInit): Headers {
  const headers = new Headers(extra);
  const key = readApiKey();
  if (key) headers.set("X-API-Key", key);
  return headers;
}

export async function parseBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

interface RequestOptions {
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
}

/** A JSON request to `/api/v1{path}`; resolves with the parsed body or throws ApiError. */
export async function requestJson<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers = authHeaders({ Accept: "application/json" });
  if (options.body !== undefined) headers.set("Content-Type", "application/json");
  let response: Response;
  try {
    response = await fetch(withQuery(`${API_PREFIX}${path}`, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    throw networkError(cause);
  }
  const body = await parseBody(response);
  if (!response.ok) throw toApiError(response.status, body);
  return body as T;
}

/** Unwrap an openapi-fetch result: the data, or the ApiError its error body describes. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    throw toApiError(result.response.status, result.error);
  }
  return result.data as T;
}

export { ApiError };
