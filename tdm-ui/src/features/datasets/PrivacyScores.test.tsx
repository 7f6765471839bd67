import { render, screen, within } from "@testing-library/react";

import { maskPrivacyOf, PrivacyScores, syntheticPrivacyOf } from "./PrivacyScores";

// As the synthetic job stores it (quality_report.privacy, tdm_agents.synthetic.privacy.PrivacyReport).
const syntheticPrivacy = {
  per_table: {
    customer: { rows_compared: 500, columns_compared: 4, exact_copy_rate: 0, dcr_median: 0.21, dcr_p05: 0.043, closer_to_training_share: 0.52, membership_auc: 0.507, holdout_rows: 100 },
    orders: { rows_compared: 800, columns_compared: 3, exact_copy_rate: 0.02, dcr_median: 0.1, dcr_p05: 0, closer_to_training_share: null, membership_auc: null, holdout_rows: 0 },
  },
  exact_copy_rate: 0.02, dcr_p05: 0, closer_to_training_share: 0.52, membership_auc: 0.507,
  note: "1 table(s) in relationships were fitted whole: no holdout, no membership figures",
};
// As the masking job stores it (privacy_score, tdm_agents.masking.privacy_score.MaskPrivacyScore).
const maskScore = {
  columns: 20, masked_share: 0.6, reviewed_share: 0.35, unknown_share: 0.05,
  k_anonymity: { customer: { quasi_identifiers: ["birth_date", "zip"], rows: 1000, groups: 640, k: 1, rows_below_threshold_share: 0.82 } },
  k_min: 1, k_threshold: 5,
};

describe("PrivacyScores", () => {
  it("reads the figures from a dataset's metadata", () => {
    expect(syntheticPrivacyOf({ quality_report: { privacy: syntheticPrivacy } })?.membership_auc).toBe(0.507);
    expect(syntheticPrivacyOf({ engine: "rules" })).toBeNull();
    expect(maskPrivacyOf({ privacy_score: maskScore })?.k_min).toBe(1);
    expect(maskPrivacyOf(null)).toBeNull();
  });

  it("shows a synthetic dataset's copies, distances and membership figures per table", () => {
    render(<PrivacyScores metadata={{ quality_report: { privacy: syntheticPrivacy } }} />);
    const figures = screen.getByLabelText("Synthetic privacy");
    expect(within(figures).getByText("Exact copies of training rows").nextSibling).toHaveTextContent("2%risk");
    expect(within(figures).getByText("Membership inference AUC").nextSibling).toHaveTextContent("0.507ok");
    expect(within(figures).getByText("Closer to training than holdout").nextSibling).toHaveTextContent("52%ok");
    expect(screen.getByText(/fitted whole: no holdout/)).toBeInTheDocument();
    const rows = screen.getAllByRole("row");
    expect(rows.map((r) => r.textContent)).toEqual([
      "TableCopiesDCR medianDCR 5th pct.Closer to trainingMIA AUC",
      "customer0%0.2100.04352%0.507",
      "orders2%0.1000.000——",
    ]);
  });

  it("shows a masked dataset's column coverage and k-anonymity, flagging unique rows", () => {
    render(<PrivacyScores metadata={{ privacy_score: maskScore }} />);
    expect(screen.getByRole("img", { name: "Columns: Masked by a rule 60%, Reviewed as not personal 35%, Unknown 5%" })).toBeInTheDocument();
    const coverage = screen.getByLabelText("Column coverage");
    expect(within(coverage).getByText("Unknown").nextSibling).toHaveTextContent("5%");
    expect(within(screen.getByLabelText("k-anonymity")).getByText("k = 1")).toHaveTextContent("k = 1risk");
    expect(screen.getByRole("row", { name: /customer/ })).toHaveTextContent("customerbirth_date, zip164082%");
  });

  it("renders nothing when no figures were recorded", () => {
    const { container } = render(<PrivacyScores metadata={{ engine: "rules", row_counts: { a: 1 } }} />);
    expect(container).toBeEmptyDOMElement();
  });
});
