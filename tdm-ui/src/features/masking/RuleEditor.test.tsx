import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import type { Transformer as TransformerInfo } from "../../api/client";
import type { RuleEntry } from "../../api/freeform";
import type { SchemaSnapshot } from "../../api/snapshot";
import { RuleEditor } from "./RuleEditor";

const snapshot: SchemaSnapshot = {
  schemas: ["public"], relationships: [],
  tables: [{ schema_name: "public", name: "customers", kind: "table", primary_key: ["id"], unique_constraints: [], columns: [
    { name: "email", data_type: "text", type_category: "string", nullable: false, ordinal_position: 1 },
    { name: "balance", data_type: "numeric", type_category: "decimal", nullable: true, ordinal_position: 2 },
  ] }],
};
const transformers: TransformerInfo[] = [
  { name: "mask.email_deterministic", description: "Same email, same mask.", categories: ["string"], guarantees: {}, arrow_types: [], options_schema: { properties: {} } },
  { name: "mask.noise", description: "Bounded noise.", categories: ["decimal"], guarantees: {}, arrow_types: [], options_schema: { properties: { amount: { type: "number", title: "Amount", default: 0.1 } } } },
];

describe("RuleEditor", () => {
  it("offers only rule types that accept the column's type, with their options", async () => {
    let rules: RuleEntry[] = [{ table: "customers", column: "balance", type: "", options: {} }];
    const onChange = (next: RuleEntry[]) => { rules = next; };
    const { rerender } = render(<RuleEditor rules={rules} onChange={onChange} snapshot={snapshot} transformers={transformers} problems={new Map()} readOnly={false} />);
    const typeSelect = screen.getByLabelText("Rule type");
    expect([...typeSelect.querySelectorAll("option")].map((o) => o.textContent)).toEqual(["Choose rule", "noise"]);
    await userEvent.selectOptions(typeSelect, "mask.noise");
    rerender(<RuleEditor rules={rules} onChange={onChange} snapshot={snapshot} transformers={transformers} problems={new Map([[0, ["option amount must be at least 0"]]])} readOnly={false} />);
    expect(screen.getByLabelText("Amount")).toBeInTheDocument();
    expect(screen.getByText("option amount must be at least 0")).toBeInTheDocument();
  });

  it("hides editing controls when read-only", () => {
    render(<RuleEditor rules={[]} onChange={() => undefined} snapshot={snapshot} transformers={transformers} problems={new Map()} readOnly />);
    expect(screen.queryByRole("button", { name: "Add rule" })).not.toBeInTheDocument();
  });
});
