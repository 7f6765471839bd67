import { resultLinks } from "./ResultLinks";

describe("result links", () => {
  it("links what a job produced, not the dataset it read", () => {
    // A mask job's top-level dataset_version_id may name its input; the masked id wins.
    expect(resultLinks({ dataset_version_id: "in", masked_dataset_version_id: "out" })).toEqual([{ label: "Open masked dataset", to: "/datasets/out" }]);
    expect(resultLinks({ subset_dataset_version_id: "s", masked_dataset_version_id: "m" }).map((l) => l.to)).toEqual(["/datasets/m", "/datasets/s"]);
    expect(resultLinks({ dataset_version_id: "d", schema_id: "x" })).toEqual([{ label: "Open dataset", to: "/datasets/d" }, { label: "Open schema", to: "/schemas/x" }]);
    expect(resultLinks(null)).toEqual([]);
  });
});
