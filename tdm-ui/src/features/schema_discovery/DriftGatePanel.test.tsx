import { screen, waitFor } from "@testing-library/react";

import { renderWithProviders, routedFetch } from "../../test/render";
import { DriftGatePanel } from "./DriftGatePanel";

const gate = (open: boolean) => ({
  schema_id: "s-1",
  open,
  baseline: "rule_set",
  rule_set_id: "rs-1",
  baseline_version: 1,
  baseline_version_id: "v-1",
  latest_version: 2,
  latest_version_id: "v-2",
  drifted_columns: 2,
  resolved_columns: open ? 2 : 0,
  blockers: open
    ? []
    : [
        { table: "customers", column: "loyalty_email", change: "added", reason: "new column; not yet ruled or reviewed" },
        { table: "customers", column: "phone", change: "changed", reason: "definition changed (data_type); not yet ruled or reviewed" },
      ],
});

describe("DriftGatePanel", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("lists the columns that block mask and provision jobs, against the rule set's version", async () => {
    const fetch = routedFetch(() => ({ status: 200, body: gate(false) }));
    vi.stubGlobal("fetch", fetch.fn);
    renderWithProviders(<DriftGatePanel schemaId="s-1" baseline={{ ruleSetId: "rs-1" }} />);
    expect(await screen.findByText("Gate closed")).toBeInTheDocument();
    const blockers = screen.getByRole("list", { name: "Drift gate blockers" });
    expect(blockers).toHaveTextContent("customers.loyalty_email");
    expect(blockers).toHaveTextContent("definition changed (data_type)");
    await waitFor(() => expect(fetch.calls[0]?.url).toBe("/api/v1/schema/s-1/drift-gate?rule_set_id=rs-1"));
  });

  it("says the gate is open when every drifted column is ruled or reviewed", async () => {
    const fetch = routedFetch(() => ({ status: 200, body: gate(true) }));
    vi.stubGlobal("fetch", fetch.fn);
    renderWithProviders(<DriftGatePanel schemaId="s-1" baseline={{ fromVersion: 1 }} />);
    expect(await screen.findByText("Gate open")).toBeInTheDocument();
    expect(screen.queryByRole("list", { name: "Drift gate blockers" })).toBeNull();
    expect(fetch.calls[0]?.url).toBe("/api/v1/schema/s-1/drift-gate?from=1");
  });
});
