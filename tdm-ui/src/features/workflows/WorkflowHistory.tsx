import { useState } from "react";
import { Link } from "react-router";

import type { Operation } from "../../api/client";
import { useJobs } from "../../api/queries";
import { StatusBadge } from "../../components/Badge";
import { QueryState } from "../../components/States";
import { formatDate, operationLabel, shortId } from "../../lib/format";
import { WorkflowSteps } from "./WorkflowSteps";

export const WORKFLOW_OPERATIONS: Operation[] = [
  "FULL_TDM_PIPELINE", "TDM_SUBSET_MASK_PROVISION", "TDM_SYNTHETIC_RUN", "UI_BASED_SYNTHETIC_GENERATION", "API_BASED_SYNTHETIC_GENERATION",
];

/** Recent composite runs; open one to see each step's state and outputs. */
export function WorkflowHistory() {
  const jobs = useJobs({ operations: WORKFLOW_OPERATIONS, limit: 20 }, 5000);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <QueryState query={jobs} empty={(page) => page.items.length === 0} emptyTitle="No workflow runs yet" emptyHint="Runs started here or from CI appear with their steps.">
      {(page) => (
        <ul className="divide-y divide-slate-100">
          {page.items.map((job) => (
            <li key={job.id} className="py-2">
              <button type="button" aria-expanded={open === job.id} onClick={() => setOpen(open === job.id ? null : job.id)} className="flex w-full flex-wrap items-center justify-between gap-2 text-left">
                <span className="text-sm font-medium text-slate-800">{operationLabel(job.operation)} <span className="font-mono text-xs font-normal text-slate-400">{shortId(job.id)}</span></span>
                <span className="flex items-center gap-2 text-xs text-slate-500">{formatDate(job.created_at)} <StatusBadge status={job.status} /></span>
              </button>
              {open === job.id && (
                <div className="mt-2 pl-1">
                  <WorkflowSteps jobId={job.id} />
                  <Link to={`/jobs/${job.id}`} className="mt-2 inline-block text-xs text-indigo-600 hover:underline">Open in job monitor →</Link>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </QueryState>
  );
}
