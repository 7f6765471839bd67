import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";

import type { JsonSchema } from "../../api/freeform";
import { OptionsEditor } from "./OptionsEditor";

const schema: JsonSchema = {
  properties: {
    domain_policy: { type: "string", title: "Domain policy", enum: ["keep", "fixed", "hashed"], default: "fixed" },
    local_length: { type: "integer", title: "Local length", minimum: 12, maximum: 40, default: 16 },
    value: { title: "Value", anyOf: [{ type: "boolean" }, { type: "integer" }, { type: "string" }, { type: "null" }] },
  },
};

function Harness({ seen }: { seen: (value: Record<string, unknown>) => void }) {
  const [value, setValue] = useState<Record<string, unknown>>({});
  return <OptionsEditor idPrefix="t" schema={schema} value={value} onChange={(next) => { setValue(next); seen(next); }} />;
}

describe("OptionsEditor", () => {
  it("draws a select for enums and keeps non-numeric text for numbers so the check can name it", async () => {
    let last: Record<string, unknown> = {};
    render(<Harness seen={(v) => { last = v; }} />);
    const policy = screen.getByLabelText("Domain policy");
    expect([...policy.querySelectorAll("option")].map((o) => o.textContent)).toEqual(["Default", "keep", "fixed", "hashed"]);
    await userEvent.selectOptions(policy, "hashed");
    expect(last.domain_policy).toBe("hashed");
    await userEvent.type(screen.getByLabelText("Local length"), "abc");
    expect(last.local_length).toBe("abc");
    await userEvent.clear(screen.getByLabelText("Local length"));
    await userEvent.type(screen.getByLabelText("Local length"), "20");
    expect(last.local_length).toBe(20);
  });

  it("reads a scalar-union option as a number, a boolean or text", async () => {
    let last: Record<string, unknown> = {};
    render(<Harness seen={(v) => { last = v; }} />);
    const field = screen.getByLabelText("Value");
    await userEvent.type(field, "42");
    expect(last.value).toBe(42);
    await userEvent.clear(field);
    await userEvent.type(field, "n/a");
    expect(last.value).toBe("n/a");
  });
});
