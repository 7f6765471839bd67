import { render, screen } from "@testing-library/react";

import type { TableInfo } from "../../api/snapshot";
import { TableDetail } from "./TableDetail";
import { TableTree } from "./TableTree";

const column = { name: "id", data_type: "integer", type_category: "integer", nullable: false, ordinal_position: 1 };
const payment: TableInfo = {
  schema_name: "public", name: "payment", kind: "partitioned_table", columns: [column], primary_key: ["id"], unique_constraints: [],
  partition_key: "RANGE (paid_on)", partitions: ["public.payment_2024_01", "public.payment_2024_02"],
};
const partitions: TableInfo[] = ["payment_2024_01", "payment_2024_02"].map((name) => ({
  schema_name: "public", name, kind: "table", columns: [column], primary_key: ["id"], unique_constraints: [], partition_of: "public.payment",
}));
const city: TableInfo = { schema_name: "public", name: "city", kind: "table", columns: [column], primary_key: ["id"], unique_constraints: [], inherited_by: ["public.capital"] };

describe("partitions and inheritance in the schema explorer", () => {
  it("lists a partitioned table once, without its partitions", () => {
    render(<TableTree tables={[payment, ...partitions, city]} selected={null} onSelect={() => {}} piiCount={() => 0} />);
    expect(screen.getByRole("button", { name: /payment/ })).toHaveTextContent("partitioned table");
    expect(screen.queryByRole("button", { name: /payment_2024_01/ })).toBeNull();
    expect(screen.getByText("(2)")).toBeInTheDocument();
  });

  it("shows the partition key, the partitions and inheritance on the table", () => {
    const { rerender } = render(<TableDetail table={payment} relationships={[]} pii={new Map()} />);
    expect(screen.getByText("Partitioned by RANGE (paid_on)")).toBeInTheDocument();
    expect(screen.getByText("2 partitions: public.payment_2024_01, public.payment_2024_02")).toBeInTheDocument();
    rerender(<TableDetail table={city} relationships={[]} pii={new Map()} />);
    expect(screen.getByText("Inherited by")).toBeInTheDocument();
    expect(screen.getByText("public.capital")).toBeInTheDocument();
  });
});
