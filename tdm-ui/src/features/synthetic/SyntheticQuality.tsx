import { useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { datasets } from "../../api/endpoints";
import { SelectField } from "../../components/Field";
import { Empty, QueryState } from "../../components/States";
import { formatDate, shortId } from "../../lib/format";
import { comparisonsOf, DistributionChart, qualityOf, type QualityReport } from "./DistributionChart";

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
                  <div className="space-y-3">
                    <Scores report={qualityOf(d.metadata)} />
                    {comparisons.slice(0, 12).map((c) => <DistributionChart key={`${c.table}.${c.column}`} comparison={c} />)}
                  </div>
                );
              }}
            </QueryState>
          )}
        </div>
      )}
    </QueryState>
  );
}

const percent = (score: number) => `${Math.round(score * 100)}%`;

/** SDMetrics' scores (0..1), when it was installed where the job ran. */
function Scores({ report }: { report: QualityReport | null }) {
  const scores: [string, number | null | undefined][] = [
    ["Overall quality", report?.overall_score],
    ["Column shapes", report?.column_shapes],
    ["Column pair trends", report?.column_pair_trends],
  ];
  const shown = scores.filter((s): s is [string, number] => typeof s[1] === "number");
  if (shown.length === 0) return null;
  return (
    <dl aria-label="Quality scores" className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
      {shown.map(([label, value]) => (
        <div key={label} className="flex gap-2"><dt className="text-slate-500">{label}</dt><dd className="font-medium">{percent(value)}</dd></div>
      ))}
    </dl>
  );
}
