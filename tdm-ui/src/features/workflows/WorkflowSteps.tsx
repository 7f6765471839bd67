import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";

import type { WorkflowStepStatus } from "../../api/client";
import { workflows } from "../../api/endpoints";
import { StatusBadge } from "../../components/Badge";
import { QueryState } from "../../components/States";
import { durationBetween, shortId } from "../../lib/format";

const STEP_TITLES: Record<string, string> = {
  discover_schema: "Discover schema", pii_classification: "Classify PII", subsetting: "Subset",
  masking: "Mask", synthetic: "Synthetic data", provisioning: "Provision",
};

const FINISHED = new Set(["succeeded", "failed", "cancelled"]);

function OutputLinks({ outputs }: { outputs: WorkflowStepStatus["outputs"] }) {
  const ids = Object.entries(outputs ?? {}).filter(([k, v]) => k.endsWith("_id") && typeof v === "string") as [string, string][];
  return (
    <>
      {ids.map(([key, id]) => (
        <span key={key} className="font-mono text-xs text-slate-500">
          {key.replace(/_id$/, "").replace(/_/g, " ")}:{" "}
          {key.includes("dataset_version") ? <Link className="text-indigo-600 hover:underline" to={`/datasets/${id}`}>{shortId(id)}</Link>
            : key === "schema_id" ? <Link className="text-indigo-600 hover:underline" to={`/schemas/${id}`}>{shortId(id)}</Link>
            : shortId(id)}
        </span>
      ))}
    </>
  );
}

/** Each step of a workflow run with its status, timing, outputs and error; polled until the run ends. */
export function WorkflowSteps({ jobId }: { jobId: string }) {
  const status = useQuery({
    queryKey: ["workflow-status", jobId],
    queryFn: () => workflows.status(jobId),
    refetchInterval: (query) => (FINISHED.has(query.state.data?.status ?? "") ? false : 2000),
    retry: false,
  });
  return (
    <QueryState query={status} feature="Workflow status" empty={(s) => s.steps.length === 0} emptyTitle="No steps recorded yet">
      {(s) => (
        <ol aria-label="Workflow steps" className="space-y-1.5">
          {s.steps.map((step, i) => (
            <li key={step.name} data-step={step.name} className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
              <span className="w-5 text-right text-xs text-slate-400">{i + 1}.</span>
              <span className="w-32 font-medium text-slate-700">{STEP_TITLES[step.name] ?? step.name}</span>
              <StatusBadge status={step.status} />
              {step.started_at && <span className="text-xs text-slate-500">{durationBetween(step.started_at, step.finished_at)}</span>}
              <OutputLinks outputs={step.outputs} />
              {step.error && <span className="basis-full pl-7 text-xs text-rose-600">{step.error}</span>}
            </li>
          ))}
        </ol>
      )}
    </QueryState>
  );
}
