import { useSearchParams } from "react-router";

import type { Operation } from "../../api/client";
import { useJobs } from "../../api/queries";
import { Button } from "../../components/Button";
import { Card, PageHeader } from "../../components/Card";
import { SelectField } from "../../components/Field";
import { QueryState } from "../../components/States";
import { operationLabel } from "../../lib/format";
import { JobTable } from "./JobTable";

const OPERATIONS: Operation[] = [
  "DISCOVER_SCHEMA", "PII_CLASSIFICATION", "TDM_SUBSET_ONLY", "TDM_MASK_ONLY", "TDM_PROVISION_ONLY", "TDM_SYNTHETIC_RUN",
  "UI_BASED_SYNTHETIC_GENERATION", "API_BASED_SYNTHETIC_GENERATION", "TDM_SUBSET_MASK_PROVISION", "FULL_TDM_PIPELINE",
];
const STATUSES = ["queued", "running", "awaiting_approval", "succeeded", "failed", "cancelled"];
const PAGE = 25;

export function JobsPage() {
  const [params, setParams] = useSearchParams();
  const operation = (params.get("operation") ?? "") as Operation | "";
  const status = params.get("status") ?? "";
  const offset = Number(params.get("offset") ?? 0);
  const jobs = useJobs({ operations: operation ? [operation] : [], status, limit: PAGE, offset }, 3000);
  const update = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== "offset") next.delete("offset");
    setParams(next);
  };
  return (
    <>
      <PageHeader title="Job monitor" description="Every job with its status; open one to follow it live." />
      <Card>
        <div className="mb-4 grid gap-3 sm:grid-cols-2 lg:max-w-2xl">
          <SelectField label="Operation" value={operation} placeholder="All operations" options={OPERATIONS.map((o) => ({ value: o, label: operationLabel(o) }))} onChange={(e) => update("operation", e.target.value)} />
          <SelectField label="Status" value={status} placeholder="All statuses" options={STATUSES.map((s) => ({ value: s, label: s.replace("_", " ") }))} onChange={(e) => update("status", e.target.value)} />
        </div>
        <QueryState query={jobs} empty={(page) => page.items.length === 0} emptyTitle="No jobs match" emptyHint="Change the filters, or start a job from another module.">
          {(page) => (
            <>
              <JobTable jobs={page.items} />
              <div className="mt-4 flex items-center justify-between text-sm text-slate-600">
                <span>
                  {page.offset + 1}–{page.offset + page.items.length} of {page.total}
                </span>
                <div className="flex gap-2">
                  <Button variant="secondary" size="sm" disabled={offset === 0} onClick={() => update("offset", String(Math.max(0, offset - PAGE)))}>
                    Previous
                  </Button>
                  <Button variant="secondary" size="sm" disabled={page.offset + page.items.length >= page.total} onClick={() => update("offset", String(offset + PAGE))}>
                    Next
                  </Button>
                </div>
              </div>
            </>
          )}
        </QueryState>
      </Card>
    </>
  );
}
