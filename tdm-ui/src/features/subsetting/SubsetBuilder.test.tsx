import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import type { SchemaSnapshot } from "../../api/snapshot";
import { fakeFetch, renderWithProviders } from "../../test/render";
import { SubsetBuilder } from "./SubsetBuilder";

const snapshot: SchemaSnapshot = {
  schemas: ["public"], relationships: [],
  tables: [{ schema_name: "public", name: "customers", kind: "table", primary_key: ["id"], unique_constraints: [], columns: [
    { name: "id", data_type: "bigint", type_category: "integer", nullable: false, ordinal_position: 1 },
  ] }],
};
const connections = [{ id: "c1", name: "prod", type: "postgres", host: "db", port: 5432, database: "shop", username: "r", display_url: "postgresql://r@db/shop" }];

describe("SubsetBuilder", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows what is missing and sends nothing", async () => {
    const fetch = fakeFetch(200, {});
    vi.stubGlobal("fetch", fetch.fn);
    renderWithProviders(<SubsetBuilder schemaVersionId="sv" snapshot={snapshot} connections={connections} defaultConnectionId={null} canRun />);
    await userEvent.click(screen.getByRole("button", { name: "Plan (dry run)" }));
    expect(screen.getByText("Choose the source connection.")).toBeInTheDocument();
    expect(screen.getByText("Choose at least one target table.")).toBeInTheDocument();
    expect(fetch.calls).toHaveLength(0);
    expect(screen.getByRole("button", { name: "Run subset" })).toBeDisabled();
  });

  it("plans, shows the dry run, then allows Run", async () => {
    const plan = { traversal_order: ["customers"], tables: [{ table: "customers", phase: "target", source_rows: 1000, estimated_rows: 100, estimated_bytes: 4096, cap_bites: false }], limits_bite: [], cycles: [], missing_indexes: [], estimated_rows: 100, estimated_bytes: 4096 };
    const fetch = fakeFetch(200, plan);
    vi.stubGlobal("fetch", fetch.fn);
    renderWithProviders(<SubsetBuilder schemaVersionId="sv" snapshot={snapshot} connections={connections} defaultConnectionId="c1" canRun />);
    await userEvent.selectOptions(screen.getByLabelText("Target tables"), "customers");
    await userEvent.type(screen.getByLabelText("Sampling %"), "10");
    await userEvent.click(screen.getByRole("button", { name: "Plan (dry run)" }));
    await waitFor(() => expect(screen.getByText("100 rows")).toBeInTheDocument());
    expect(fetch.calls[0]?.url).toBe("/api/v1/subset/plan");
    expect(JSON.parse(String(fetch.calls[0]?.init?.body))).toMatchObject({ root_table: "customers", sampling_pct: 10, connection_id: "c1" });
    expect(screen.getByRole("button", { name: "Run subset" })).toBeEnabled();
  });

  it("sends the completeness depth and shows which tables it fills", async () => {
    const plan = {
      traversal_order: ["customers"], limits_bite: [], cycles: [], missing_indexes: [], estimated_rows: 140, estimated_bytes: 8192,
      include_children_of_parents: 2,
      tables: [{ table: "customers", phase: "target", depth: 0, completion_depth: 1, source_rows: 1000, estimated_rows: 140, estimated_bytes: 8192, cap_bites: false }],
    };
    const fetch = fakeFetch(200, plan);
    vi.stubGlobal("fetch", fetch.fn);
    renderWithProviders(<SubsetBuilder schemaVersionId="sv" snapshot={snapshot} connections={connections} defaultConnectionId="c1" canRun />);
    await userEvent.selectOptions(screen.getByLabelText("Target tables"), "customers");
    await userEvent.type(screen.getByLabelText("Children of parents (depth)"), "2");
    await userEvent.click(screen.getByRole("button", { name: "Plan (dry run)" }));
    await waitFor(() => expect(screen.getByText("children of parents to depth 2")).toBeInTheDocument());
    expect(screen.getByText("children of parents · 1")).toBeInTheDocument();
    expect(JSON.parse(String(fetch.calls[0]?.init?.body))).toMatchObject({ include_children_of_parents: 2 });
  });

  it("refuses a negative completeness depth before sending", async () => {
    const fetch = fakeFetch(200, {});
    vi.stubGlobal("fetch", fetch.fn);
    renderWithProviders(<SubsetBuilder schemaVersionId="sv" snapshot={snapshot} connections={connections} defaultConnectionId="c1" canRun />);
    await userEvent.selectOptions(screen.getByLabelText("Target tables"), "customers");
    await userEvent.type(screen.getByLabelText("Children of parents (depth)"), "-1");
    await userEvent.click(screen.getByRole("button", { name: "Plan (dry run)" }));
    expect(fetch.calls).toHaveLength(0);
  });

  it("shows the API's problem when planning is refused", async () => {
    vi.stubGlobal("fetch", fakeFetch(422, { type: "x", title: "Invalid request", status: 422, detail: "customers: no path to orders", field: "root_table" }).fn);
    renderWithProviders(<SubsetBuilder schemaVersionId="sv" snapshot={snapshot} connections={connections} defaultConnectionId="c1" canRun />);
    await userEvent.selectOptions(screen.getByLabelText("Target tables"), "customers");
    await userEvent.click(screen.getByRole("button", { name: "Plan (dry run)" }));
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent("customers: no path to orders"));
  });
});
