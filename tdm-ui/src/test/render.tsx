import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { MemoryRouter } from "react-router";

/** Render inside the providers every screen needs, with retries off so errors show at once. */
export function renderWithProviders(ui: ReactElement) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>{ui}</MemoryRouter>
    </QueryClientProvider>,
  );
}

export interface RecordedCall {
  /** Path and query, e.g. `/api/v1/subset/plan`. */
  url: string;
  init: RequestInit | undefined;
}

/** A call as plain url + init, whether it came as (url, init) or as one Request (openapi-fetch). */
async function record(input: RequestInfo | URL, init?: RequestInit): Promise<RecordedCall> {
  if (!(input instanceof Request)) return { url: String(input), init };
  const url = new URL(input.url);
  const body = await input.clone().text();
  return { url: `${url.pathname}${url.search}`, init: { method: input.method, headers: input.headers, body: body || undefined } };
}

/** A fetch that answers each call with `respond(call)` (status and JSON body), recording the calls. */
export function routedFetch(respond: (call: RecordedCall) => { status: number; body: unknown }) {
  const calls: RecordedCall[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const call = await record(input, init);
    calls.push(call);
    const { status, body } = respond(call);
    return new Response(JSON.stringify(body), { status, headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" } });
  };
  return { fn, calls };
}

/** A fetch that answers every call with `body` (JSON) and records the requests. */
export function fakeFetch(status: number, body: unknown) {
  return routedFetch(() => ({ status, body }));
}
