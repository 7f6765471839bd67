import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";

import type { JobDetail, Operation } from "../../api/client";
import { jobs } from "../../api/endpoints";
import { keys, useJob } from "../../api/queries";
import { usePermissions } from "../../auth/AuthProvider";
import { StatusBadge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Card, PageHeader } from "../../components/Card";
import { TextField } from "../../components/Field";
import { ProblemAlert } from "../../components/ProblemAlert";
import { ProgressBar } from "../../components/ProgressBar";
import { QueryState } from "../../components/States";
import { durationBetween, formatDate, operationLabel } from "../../lib/format";
import { WORKFLOW_OPERATIONS } from "../workflows/WorkflowHistory";
import { WorkflowSteps } from "../workflows/WorkflowSteps";
import { JobLogView } from "./JobLogView";
import { ResultLinks } from "./ResultLinks";
import { isTerminal, type StageProgress, useJobEvents } from "./useJobEvents";

function stagesFromRecord(progress: JobDetail["progress"]): StageProgress[] {
  if (!progress || typeof progress !== "object") return [];
  const p = progress as { stage?: string; done?: number; total?: number | null };
  return p.stage ? [{ stage: p.stage, done: p.done ?? 0, total: p.total ?? null }] : [];
}

function JobActions({ job }: { job: JobDetail }) {
  const { canRun } = usePermissions();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.job(job.id) });
  const [reason, setReason] = useState("");
  const cancel = useMutation({ mutationFn: () => jobs.cancel(job.id), onSuccess: refresh });
  const resume = useMutation({
    mutationFn: (approved: boolean) => jobs.resume(job.id, { approved, reason: reason.trim() || null }),
    onSuccess: refresh,
  });
  if (!canRun || isTerminal(job.status)) return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {job.status === "awaiting_approval" && (
        <>
          <p className="basis-full text-sm text-amber-800">Paused after PII classification: check the PII map, then approve to continue or reject to stop.</p>
          <Link to="/pii" className="text-sm text-indigo-600 hover:underline">Review PII first</Link>
          <TextField label="Reason (optional)" className="w-64" value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
          <Button busy={resume.isPending && resume.variables} onClick={() => resume.mutate(true)}>Approve and continue</Button>
          <Button variant="secondary" busy={resume.isPending && !resume.variables} onClick={() => resume.mutate(false)}>Reject</Button>
        </>
      )}
      <Button variant="danger" busy={cancel.isPending} disabled={job.cancel_requested} onClick={() => cancel.mutate()}>
        {job.cancel_requested ? "Cancelling…" : "Cancel job"}
      </Button>
      <div className="basis-full space-y-2">
        <ProblemAlert error={cancel.error} />
        <ProblemAlert error={resume.error} />
      </div>
    </div>
  );
}

function JobBody({ job }: { job: JobDetail }) {
  const queryClient = useQueryClient();
  const live = useJobEvents(job.id, !isTerminal(job.status));
  const status = live.status ?? job.status;
  useEffect(() => {
    // The record is authoritative once the stream says the job changed state; a finished job may
    // have changed anything (schemas, PII maps, datasets), so every cached answer is refreshed.
    if (!live.status) return;
    void queryClient.invalidateQueries(isTerminal(live.status) ? undefined : { queryKey: keys.job(job.id) });
  }, [live.status, job.id, queryClient]);
  const stages = live.stages.length ? live.stages : stagesFromRecord(job.progress);
  const lines = isTerminal(job.status) || live.logs.length === 0 ? job.logs : live.logs;
  return (
    <div className="space-y-4">
      <Card>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-500">Status</dt>
            <dd data-testid="job-status"><StatusBadge status={status} /></dd>
            <dt className="text-slate-500">Started</dt>
            <dd>{formatDate(job.started_at ?? job.created_at)}</dd>
            <dt className="text-slate-500">Duration</dt>
            <dd>{durationBetween(job.started_at, job.finished_at)}</dd>
            <dt className="text-slate-500">Started by</dt>
            <dd>{job.user_id ?? "—"}</dd>
            <dt className="text-slate-500">Attempts</dt>
            <dd>{job.attempts ?? 0}</dd>
          </dl>
          <JobActions job={{ ...job, status }} />
        </div>
        {job.error && <p className="mt-3 rounded-md bg-rose-50 p-3 text-sm text-rose-800" role="alert">{job.error}</p>}
      </Card>
      {WORKFLOW_OPERATIONS.includes(job.operation as Operation) && <Card title="Workflow steps"><WorkflowSteps jobId={job.id} /></Card>}
      <Card title={<span className="flex items-center gap-2">Progress {live.connected && <span className="text-xs font-normal text-emerald-600">● live</span>}</span>}>
        {stages.length === 0 ? (
          <p className="text-sm text-slate-500">{isTerminal(status) ? "No progress was reported." : "Waiting for the worker…"}</p>
        ) : (
          <div className="space-y-3">
            {stages.map((s) => (
              <ProgressBar key={s.stage} label={s.stage.replace(/_/g, " ")} done={s.done} total={s.total} finished={status === "succeeded"} />
            ))}
          </div>
        )}
        {live.error !== null && <div className="mt-3"><ProblemAlert error={live.error} title="Live updates stopped" /></div>}
      </Card>
      <Card title="Log">
        <JobLogView lines={lines} live={!isTerminal(status)} />
      </Card>
      {job.result !== null && job.result !== undefined && (
        <Card title="Result">
          <ResultLinks result={job.result} />
          <pre className="mt-3 max-h-80 overflow-auto rounded-md bg-slate-50 p-3 text-xs">{JSON.stringify(job.result, null, 2)}</pre>
        </Card>
      )}
    </div>
  );
}

export function JobDetailPage() {
  const { jobId = "" } = useParams();
  const job = useJob(jobId);
  return (
    <>
      <PageHeader
        title={job.data ? operationLabel(job.data.operation) : "Job"}
        description={<span className="font-mono text-xs">{jobId}</span>}
        actions={<Link to="/jobs" className="text-sm text-indigo-600 hover:underline">← All jobs</Link>}
      />
      <QueryState query={job}>{(data) => <JobBody job={data} />}</QueryState>
    </>
  );
}
