import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { AuthProvider } from "../../auth/AuthProvider";
import { storeApiKey } from "../../auth/keyStore";
import { type RecordedCall, renderWithProviders, routedFetch } from "../../test/render";
import { SyntheticPage } from "./SyntheticPage";

const packs = [
  { name: "ecommerce", description: "Online shop", entities: ["customer", "product", "order"], scenarios: ["default", "edge_cases", "black_friday"] },
  { name: "banking", description: "Retail banking", entities: ["customer", "account"], scenarios: ["default", "edge_cases"] },
];
const preview = {
  seed: 0, scenario: "default", conflicts: [],
  tables: {
    customer: { columns: ["id", "email", "phone"], rows: [{ id: 1, email: "ada@example.com", phone: null }, { id: 2, email: "bob@example.com", phone: "+1 555 0100" }] },
    product: { columns: ["id", "sku", "tags"], rows: [{ id: 1, sku: "SKU-1", tags: { sale: true } }] },
  },
};
const training = { id: "0b0b5a8e-7a1c-4c55-9d36-3f1f0d8a9d10", name: "shop masked", source_type: "masked", status: "ready", schema_version_id: "sv-1", created_at: "2026-01-02T03:04:05Z" };

function answer(role: string, overrides: (call: RecordedCall) => { status: number; body: unknown } | undefined = () => undefined) {
  return routedFetch((call) => {
    const over = overrides(call);
    if (over) return over;
    const path = call.url.split("?")[0];
    if (path === "/api/v1/openapi.json") return { status: 200, body: { paths: {} } };
    if (path === "/api/v1/me") return { status: 200, body: { name: "qa", role, permissions: [] } };
    if (path === "/api/v1/synthetic/domain-packs") return { status: 200, body: packs };
    if (path === "/api/v1/schemas") return { status: 200, body: [] };
    if (path === "/api/v1/datasets") return { status: 200, body: { items: call.url.includes("status=ready") ? [training] : [], limit: 100, offset: 0, total: 1 } };
    if (path === "/api/v1/synthetic/preview") return { status: 200, body: preview };
    if (path === "/api/v1/synthetic") return { status: 202, body: { job_id: "5f0c6d1e-2a3b-4c5d-8e9f-001122334455", operation: "TDM_SYNTHETIC_RUN" } };
    return { status: 404, body: { type: "about:blank", title: "Not found", status: 404, detail: path } };
  });
}

const sent = (calls: RecordedCall[], path: string) => calls.filter((c) => c.url === path && c.init?.method === "POST");
const body = (call: RecordedCall | undefined) => JSON.parse(String(call?.init?.body)) as Record<string, unknown>;

async function renderAs(role: string, overrides?: Parameters<typeof answer>[1]) {
  const fetch = answer(role, overrides);
  vi.stubGlobal("fetch", fetch.fn);
  storeApiKey("tdm_test_key");
  renderWithProviders(<AuthProvider><SyntheticPage /></AuthProvider>);
  await screen.findByRole("option", { name: "ecommerce" });
  return fetch;
}

describe("SyntheticPage", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("says what is wrong before anything is sent", async () => {
    const fetch = await renderAs("operator");
    await userEvent.click(await screen.findByRole("button", { name: "Generate dataset" }));
    expect(screen.getByText(/Give at least one source/)).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText("Domain pack"), "ecommerce");
    await userEvent.type(screen.getByLabelText("customer"), "0");
    await userEvent.selectOptions(screen.getByLabelText("Engine"), "sdv");
    await userEvent.clear(screen.getByLabelText("Locale"));
    await userEvent.type(screen.getByLabelText("Locale"), "english");
    await userEvent.click(screen.getByRole("button", { name: "Generate dataset" }));
    expect(screen.queryByText(/Give at least one source/)).not.toBeInTheDocument();
    expect(screen.getByText(/customer: Row count must be between 1 and/)).toBeInTheDocument();
    expect(screen.getByText(/needs a training dataset version/)).toBeInTheDocument();
    expect(screen.getByText("A locale such as en_US or de_DE.")).toBeInTheDocument();

    expect(sent(fetch.calls, "/api/v1/synthetic")).toHaveLength(0);
    expect(sent(fetch.calls, "/api/v1/synthetic/preview")).toHaveLength(0);
  });

  it("sends the request built from the form and opens the job", async () => {
    const fetch = await renderAs("operator");
    await userEvent.selectOptions(screen.getByLabelText("Domain pack"), "ecommerce");
    await userEvent.selectOptions(screen.getByLabelText("Scenario"), "black_friday");
    await userEvent.type(screen.getByLabelText("customer"), "20");
    await userEvent.type(screen.getByLabelText("product"), "10");
    await userEvent.type(screen.getByLabelText("Seed"), "7");
    await userEvent.selectOptions(screen.getByLabelText("Engine"), "sdv");
    const trainingSelect = screen.getByLabelText("Training dataset");
    await within(trainingSelect).findByRole("option", { name: /shop masked/ });
    await userEvent.selectOptions(trainingSelect, training.id);
    await userEvent.click(screen.getByRole("button", { name: "Generate dataset" }));

    await waitFor(() => expect(sent(fetch.calls, "/api/v1/synthetic")).toHaveLength(1));
    expect(body(sent(fetch.calls, "/api/v1/synthetic")[0])).toEqual({
      ui_urls: [], api_spec_url: null, api_spec: null, schema_version_id: null, domain_pack: "ecommerce",
      row_counts: { customer: 20, product: 10 }, scenario_template: "black_friday", test_case_files: {},
      training_dataset_version_id: training.id, engine: "sdv", seed: 7, locale: "en_US",
    });
    // Only ready versions are offered for training.
    expect(fetch.calls.some((c) => c.url.startsWith("/api/v1/datasets?") && c.url.includes("status=ready"))).toBe(true);
  });

  it("resets a scenario the new pack lacks, so the API does not refuse it", async () => {
    const fetch = await renderAs("operator");
    await userEvent.selectOptions(screen.getByLabelText("Domain pack"), "ecommerce");
    await userEvent.selectOptions(screen.getByLabelText("Scenario"), "black_friday");
    await userEvent.type(screen.getByLabelText("order"), "50");
    await userEvent.selectOptions(screen.getByLabelText("Domain pack"), "banking");
    expect(screen.getByLabelText("Scenario")).toHaveValue("default");
    expect(screen.queryByLabelText("order")).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Generate dataset" }));
    await waitFor(() => expect(sent(fetch.calls, "/api/v1/synthetic")).toHaveLength(1));
    expect(body(sent(fetch.calls, "/api/v1/synthetic")[0])).toMatchObject({ domain_pack: "banking", scenario_template: "default", row_counts: {} });
  });

  it("previews rows per table", async () => {
    const fetch = await renderAs("operator");
    await userEvent.selectOptions(screen.getByLabelText("Domain pack"), "ecommerce");
    await userEvent.click(screen.getByRole("button", { name: "Preview rows" }));

    const table = await screen.findByRole("table", { name: "Preview of customer" });
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["id", "email", "phone"]);
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getAllByRole("cell").map((c) => c.textContent))).toEqual([
      ["1", "ada@example.com", "NULL"],
      ["2", "bob@example.com", "+1 555 0100"],
    ]);
    await userEvent.selectOptions(screen.getByLabelText("Table"), "product");
    expect(within(screen.getByRole("table", { name: "Preview of product" })).getByText('{"sale":true}')).toBeInTheDocument();
    expect(body(sent(fetch.calls, "/api/v1/synthetic/preview")[0])).toMatchObject({ domain_pack: "ecommerce", engine: "rules" });
  });

  it("does not send URL sources to the preview", async () => {
    const fetch = await renderAs("operator");
    await userEvent.selectOptions(screen.getByLabelText("Domain pack"), "ecommerce");
    await userEvent.click(screen.getByRole("button", { name: "Add URL" }));
    await userEvent.type(screen.getByLabelText("UI URL 1"), "https://app.example.com/register");
    await userEvent.click(screen.getByRole("button", { name: "Preview rows" }));
    expect(screen.getByText(/URLs are fetched only when the job runs/)).toBeInTheDocument();
    expect(sent(fetch.calls, "/api/v1/synthetic/preview")).toHaveLength(0);
  });

  it("shows the API's problem when it refuses the job", async () => {
    await renderAs("operator", (call) =>
      call.url === "/api/v1/synthetic"
        ? { status: 422, body: { type: "x", title: "Invalid request", status: 422, detail: "60000000 rows requested; the limit is 1000 (TDM_SYNTHETIC_MAX_ROWS).", field: "row_counts" } }
        : undefined,
    );
    await userEvent.selectOptions(screen.getByLabelText("Domain pack"), "ecommerce");
    await userEvent.click(screen.getByRole("button", { name: "Generate dataset" }));
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent("the limit is 1000"));
  });

  it("offers a viewer neither preview nor generation", async () => {
    await renderAs("viewer");
    await screen.findByText(/viewer role/);
    expect(screen.queryByRole("button", { name: "Preview rows" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Generate dataset" })).not.toBeInTheDocument();
  });
});
