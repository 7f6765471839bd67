/** RFC 9457 problem details as the API sends them, and the error the portal throws for them. */
export interface FieldError {
  field?: string | null;
  message?: string | null;
  [key: string]: string | null | undefined;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  field?: string | null;
  errors?: FieldError[] | null;
  instance?: string | null;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = "ApiError";
    this.status = problem.status;
    this.problem = problem;
  }
}

function isProblem(body: unknown): body is Problem {
  return typeof body === "object" && body !== null && "status" in body && ("detail" in body || "title" in body);
}

/** Build an ApiError from any error body: problem+json, FastAPI's `{detail}`, or nothing useful. */
export function toApiError(status: number, body: unknown): ApiError {
  if (isProblem(body)) {
    return new ApiError({ ...body, detail: body.detail ?? body.title, title: body.title ?? "Error" });
  }
  const detail =
    typeof body === "object" && body !== null && "detail" in body && typeof body.detail === "string"
      ? body.detail
      : status >= 500
        ? "The server could not complete the request."
        : `The request failed (HTTP ${status}).`;
  return new ApiError({ type: "about:blank", title: `HTTP ${status}`, status, detail });
}

/** A network failure (server down, connection refused) as an ApiError, so screens show one kind. */
export function networkError(cause: unknown): ApiError {
  const reason = cause instanceof Error && cause.name === "AbortError" ? "The request was cancelled." : "";
  return new ApiError({
    type: "about:blank",
    title: "Server unreachable",
    status: 0,
    detail: reason || "The API server could not be reached. Check that it is running.",
  });
}

// The router answers these details when no route matches: the endpoint does not exist (yet).
const MISSING_ROUTE_DETAILS = new Set(["Not Found", "No such endpoint."]);

/** True when the server has no such endpoint (an older API), as opposed to a missing record. */
export function isEndpointMissing(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.status === 405) return true;
  return error.status === 404 && MISSING_ROUTE_DETAILS.has(error.problem.detail);
}

/** Field-level messages, one per line, for a form to show next to its inputs. */
export function fieldMessages(problem: Problem): { field: string; message: string }[] {
  const items = (problem.errors ?? [])
    .map((e) => ({ field: e.field ?? "", message: e.message ?? e.msg ?? "" }))
    .filter((e) => e.message);
  if (items.length === 0 && problem.field) return [{ field: problem.field, message: problem.detail }];
  return items;
}
