import { useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { datasets } from "../../api/endpoints";
import { SelectField } from "../../components/Field";
import { Empty, QueryState } from "../../components/States";
import { formatDate, shortId } from "../../lib/format";
import { comparisonsOf, DistributionChart } from "./DistributionChart";

/** Charts of a generated dataset's columns against its training data, when it had some. */
export function SyntheticQuality() {
  const list = useQuery({ queryKey: ["datasets", { source_type: "synthetic" }], queryFn: () => datasets.list({ source_type: "synthetic", limit: 20 }), retry: false });
  const [chosen, setChosen] = useState("");
  const detail = useQuery({ queryKey: ["dataset", chosen], enabled: Boolean(chosen), queryFn: () => datasets.get(chosen) });
  return (
    <QueryState query={list} feature="The dataset catalog" empty={(p) => p.items.length === 0} emptyTitle="No synthetic datasets yet">
      {(page) => (
        <div className="space-y-3">
          <SelectField label="Synthetic dataset" value={chosen} placeholder="Choose a dataset" options={page.items.map((d) => ({ value: d.id, label: `${d.name ?? shortId(d.id)} · ${formatDate(d.created_at)}` }))} onChange={(e) => setChosen(e.target.value)} />
          {chosen && (
            <QueryState query={detail}>
              {(d) => {
                const comparisons = comparisonsOf(d.metadata);
                return comparisons.length === 0 ? (
                  <Empty title="No comparison for this dataset">Charts appear when it was learned from training data.</Empty>
                ) : (
                  <div className="space-y-3">{comparisons.slice(0, 12).map((c) => <DistributionChart key={`${c.table}.${c.column}`} comparison={c} />)}</div>
                );
              }}
            </QueryState>
          )}
        </div>
      )}
    </QueryState>
  );
}
