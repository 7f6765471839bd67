import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import type { DistributionComparison } from "../../api/freeform";
import { renderWithProviders, routedFetch } from "../../test/render";
import { comparisonsOf, DistributionChart, qualityOf } from "./DistributionChart";
import { PreviewTables } from "./PreviewTables";
import { SyntheticQuality } from "./SyntheticQuality";

// As the synthetic job stores it (tdm_agents.synthetic.quality.quality_for_portal).
const qualityReport = {
  sdmetrics_available: true, overall_score: 0.8712, column_shapes: 0.91, column_pair_trends: 0.8324,
  per_table: { customer: { score: 0.87 } },
  column_comparisons: [
    { table: "customer", column: "loyalty_tier", kind: "categorical", labels: ["bronze", "silver", "gold", "platinum"], real: [0.7, 0.2, 0.08, 0.02], synthetic: [0.65, 0.25, 0.1, 0] },
    { table: "product", column: "price", kind: "numeric", labels: ["0.99", "250.9", "500.8"], real: [0.5, 0.3, 0.2], synthetic: [0.4, 0.4, 0.2] },
  ],
};
const synthetic = { id: "9d2b7a10-0000-4000-8000-000000000001", name: "ecommerce sdv", source_type: "synthetic", status: "ready", created_at: "2026-01-02T03:04:05Z" };
const rulesOnly = { ...synthetic, id: "9d2b7a10-0000-4000-8000-000000000002", name: "ecommerce rules" };

describe("DistributionChart", () => {
  it("draws one real and one synthetic bar per label, scaled to the larger share", () => {
    const comparison = qualityReport.column_comparisons[0] as DistributionComparison;
    const { container } = render(<DistributionChart comparison={comparison} />);
    expect(screen.getByText("customer.loyalty_tier")).toBeInTheDocument();
    const chart = screen.getByRole("img", { name: "Distribution of loyalty_tier: real versus synthetic" });
    const bars = [...chart.querySelectorAll("rect")];
    expect(bars).toHaveLength(8);
    expect(bars.map((b) => b.querySelector("title")?.textContent)).toEqual([
      "bronze: real 70%", "bronze: synthetic 65%", "silver: real 20%", "silver: synthetic 25%",
      "gold: real 8%", "gold: synthetic 10%", "platinum: real 2%", "platinum: synthetic 0%",
    ]);
    // The largest share (real bronze) fills the bar area; an absent category has no height.
    expect(bars[0]).toHaveAttribute("height", "120");
    expect(bars[7]).toHaveAttribute("height", "0");
    expect(within(chart).getByText("plati…")).toBeInTheDocument();
    expect(container.querySelectorAll("text")).toHaveLength(4);
  });

  it("reads the comparisons and scores from a dataset's metadata", () => {
    expect(comparisonsOf({ quality_report: qualityReport })).toHaveLength(2);
    expect(comparisonsOf({ quality: { column_comparisons: [qualityReport.column_comparisons[1]] } })).toHaveLength(1);
    expect(comparisonsOf({ engine: "rules" })).toEqual([]);
    expect(comparisonsOf(null)).toEqual([]);
    expect(qualityOf({ quality_report: qualityReport })?.overall_score).toBe(0.8712);
  });
});

describe("SyntheticQuality", () => {
  afterEach(() => vi.unstubAllGlobals());

  function stub() {
    const fetch = routedFetch((call) => {
      if (call.url.startsWith("/api/v1/datasets?")) return { status: 200, body: { items: [synthetic, rulesOnly], limit: 20, offset: 0, total: 2 } };
      if (call.url === `/api/v1/dataset/${synthetic.id}`) return { status: 200, body: { ...synthetic, metadata: { engine: "sdv", quality_report: qualityReport } } };
      if (call.url === `/api/v1/dataset/${rulesOnly.id}`) return { status: 200, body: { ...rulesOnly, metadata: { engine: "rules" } } };
      return { status: 404, body: { type: "x", title: "Not found", status: 404, detail: call.url } };
    });
    vi.stubGlobal("fetch", fetch.fn);
    return fetch;
  }

  it("charts the chosen dataset's columns with its quality scores", async () => {
    const fetch = stub();
    renderWithProviders(<SyntheticQuality />);
    await userEvent.selectOptions(await screen.findByLabelText("Synthetic dataset"), synthetic.id);
    await screen.findByRole("img", { name: /loyalty_tier/ });
    expect(screen.getByRole("img", { name: "Distribution of price: real versus synthetic" })).toBeInTheDocument();
    const scores = screen.getByLabelText("Quality scores");
    expect(scores).toHaveTextContent("Overall quality87%");
    expect(scores).toHaveTextContent("Column shapes91%");
    expect(scores).toHaveTextContent("Column pair trends83%");
    expect(fetch.calls[0]?.url).toContain("source_type=synthetic");
  });

  it("says when a dataset has nothing to compare", async () => {
    stub();
    renderWithProviders(<SyntheticQuality />);
    await userEvent.selectOptions(await screen.findByLabelText("Synthetic dataset"), rulesOnly.id);
    await waitFor(() => expect(screen.getByText("No comparison for this dataset")).toBeInTheDocument());
    expect(screen.queryByRole("img")).not.toBeInTheDocument();
  });
});

describe("PreviewTables", () => {
  it("falls back to the first table when a new preview lacks the chosen one", async () => {
    const first = { seed: 0, scenario: "default", conflicts: [], tables: { customer: { columns: ["id"], rows: [{ id: 1 }] }, order: { columns: ["id"], rows: [{ id: 7 }] } } };
    const second = { seed: 0, scenario: "default", conflicts: [], tables: { account: { columns: ["iban"], rows: [{ iban: "DE89370400440532013000" }] } } };
    const { rerender } = render(<PreviewTables preview={first} />);
    await userEvent.selectOptions(screen.getByLabelText("Table"), "order");
    expect(within(screen.getByRole("table", { name: "Preview of order" })).getByText("7")).toBeInTheDocument();
    rerender(<PreviewTables preview={second} />);
    expect(within(screen.getByRole("table", { name: "Preview of account" })).getByText("DE89370400440532013000")).toBeInTheDocument();
    expect(screen.getByLabelText("Table")).toHaveValue("account");
  });

  it("says so when nothing was generated", () => {
    render(<PreviewTables preview={{ seed: 0, scenario: "default", conflicts: [], tables: {} }} />);
    expect(screen.getByText("The preview is empty")).toBeInTheDocument();
  });
});
