import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { renderWithProviders, routedFetch } from "../../test/render";
import { maskRunProblem, toMaskRequest } from "./maskingRules";
import { RunMaskPanel } from "./RunMaskPanel";

const rule = { table: "customers", column: "email", type: "mask.email_deterministic", options: { domain: "" } };
const subsets = { items: [{ id: "ds-1", name: "nightly", source_type: "subset", status: "ready" }], total: 1, limit: 100, offset: 0 };

describe("mask run requests", () => {
  it("sends exactly one source of rules", () => {
    expect(toMaskRequest("ds", "suggested", "rs", [rule])).toEqual({ dataset_version_id: "ds", use_suggested_rules: true });
    expect(toMaskRequest("ds", "saved", "rs", [rule])).toEqual({ dataset_version_id: "ds", rule_set_id: "rs" });
    expect(toMaskRequest("ds", "screen", "rs", [rule])).toEqual({ dataset_version_id: "ds", rules: [{ ...rule, options: {} }] });
  });

  it("lets suggested rules run without rules on screen, but not without a dataset", () => {
    expect(maskRunProblem("ds", "suggested", 0, false)).toBeNull();
    expect(maskRunProblem("ds", "screen", 0, true)).toBe("Add at least one rule.");
    expect(maskRunProblem("ds", "screen", 1, false)).toBe("Fix the rules marked in red first.");
    expect(maskRunProblem("", "suggested", 0, true)).toBe("Choose the dataset version to mask.");
  });
});

describe("RunMaskPanel", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("runs the suggested rules on the chosen subset", async () => {
    const fetch = routedFetch((call) => (call.url.startsWith("/api/v1/datasets") ? { status: 200, body: subsets } : { status: 202, body: { job_id: "job-1", operation: "TDM_MASK_ONLY" } }));
    vi.stubGlobal("fetch", fetch.fn);
    renderWithProviders(<RunMaskPanel schemaVersionId="sv" savedRuleSet={null} rules={[]} valid />);
    await userEvent.selectOptions(await screen.findByLabelText("Dataset version to mask"), await screen.findByRole("option", { name: /nightly/ }));
    await userEvent.selectOptions(screen.getByLabelText("Rules to apply"), "suggested");
    expect(screen.getByText(/fitted to each column's type/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Run masking" }));
    await waitFor(() => expect(fetch.calls.some((c) => c.url === "/api/v1/mask")).toBe(true));
    const sent = fetch.calls.find((c) => c.url === "/api/v1/mask");
    expect(JSON.parse(String(sent?.init?.body))).toEqual({ dataset_version_id: "ds-1", use_suggested_rules: true });
    expect(fetch.calls[0]?.url).toContain("schema_version_id=sv");
  });

  it("refuses to run the on-screen rules when there are none", async () => {
    const fetch = routedFetch(() => ({ status: 200, body: subsets }));
    vi.stubGlobal("fetch", fetch.fn);
    renderWithProviders(<RunMaskPanel schemaVersionId="sv" savedRuleSet={{ id: "rs", label: "shop v2" }} rules={[]} valid />);
    await userEvent.selectOptions(await screen.findByLabelText("Dataset version to mask"), await screen.findByRole("option", { name: /nightly/ }));
    expect(screen.getByRole("option", { name: "Saved rule set shop v2" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Run masking" }));
    expect(screen.getByText("Add at least one rule.")).toBeInTheDocument();
    expect(fetch.calls.every((c) => c.url !== "/api/v1/mask")).toBe(true);
  });
});
