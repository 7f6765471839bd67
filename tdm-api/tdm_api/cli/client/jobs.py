"""`tdm jobs list|show|cancel|logs|resume`: follow and control jobs."""

from __future__ import annotations

from typing import Annotated

import typer

from tdm_api.cli.client.calls import get_list
from tdm_api.cli.client.context import api_client, client_command, options_of
from tdm_api.cli.client.generated.api.jobs import cancel_job as cancel_job_endpoint
from tdm_api.cli.client.generated.api.jobs import get_job
from tdm_api.cli.client.generated.api.jobs import list_jobs as list_jobs_endpoint
from tdm_api.cli.client.generated.api.workflows import resume_job as resume_job_endpoint
from tdm_api.cli.client.generated.models import JobDetail, JobOut, ResumeRequest
from tdm_api.cli.client.render import print_json, show_message, show_record
from tdm_api.cli.client.submit import follow_existing
from tdm_api.cli.console import out

jobs_app = typer.Typer(help="Jobs: their status, logs and results.", no_args_is_help=True)

JobId = Annotated[str, typer.Argument(help="Job id")]
JOB_COLUMNS = ("id", "operation", "status", "user_id", "created_at", "finished_at", "error")
LOG_PAGE = 1000


@jobs_app.command("list")
@client_command
def list_jobs(
    ctx: typer.Context,
    status: Annotated[
        str | None, typer.Option(help="queued, running, awaiting_approval, succeeded, failed, cancelled")
    ] = None,
    operation: Annotated[str | None, typer.Option(help="e.g. DISCOVER_SCHEMA, TDM_SUBSET_ONLY")] = None,
    limit: Annotated[int, typer.Option(min=1, max=500, help="Jobs per page")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Jobs to skip")] = 0,
) -> None:
    """List jobs, newest first."""
    get_list(
        ctx,
        list_jobs_endpoint.sync_detailed,
        JOB_COLUMNS,
        status=status,
        operation=[operation] if operation else None,
        limit=limit,
        offset=offset,
    )


@jobs_app.command("show")
@client_command
def show_job(
    ctx: typer.Context,
    job_id: JobId,
    wait: Annotated[bool, typer.Option("--wait", "-w", help="Follow the job to its end first")] = False,
) -> None:
    """Show a job's status, request and result (with --wait, follow it; the exit code tells how it ended)."""
    if wait:
        follow_existing(ctx, job_id)
        return
    with api_client(ctx) as client:
        job = client.call(get_job.sync_detailed, job_id, logs_limit=1).data
    job.pop("logs", None)
    show_record(options_of(ctx), job)


@jobs_app.command("cancel")
@client_command
def cancel_job(ctx: typer.Context, job_id: JobId) -> None:
    """Ask a job to stop; it ends `cancelled` at its next checkpoint."""
    with api_client(ctx) as client:
        answer = client.call(cancel_job_endpoint.sync_detailed, job_id)
    status = answer.model(JobOut).status
    show_message(options_of(ctx), answer.data, f"job {job_id} cancel requested (status {status})")


@jobs_app.command("logs")
@client_command
def job_logs(
    ctx: typer.Context,
    job_id: JobId,
    follow: Annotated[bool, typer.Option("--follow", "-f", help="Keep printing until the job ends")] = False,
) -> None:
    """Print a job's log lines (all pages); with --follow, then follow it to its end."""
    options = options_of(ctx)
    lines: list[dict] = []
    with api_client(ctx) as client:
        after = 0
        while True:
            answer = client.call(get_job.sync_detailed, job_id, logs_after=after, logs_limit=LOG_PAGE)
            lines += answer.data.get("logs") or []
            page = answer.model(JobDetail).logs or []
            if len(page) < LOG_PAGE:
                break
            after = page[-1].id
    if options.json:
        print_json(lines)
    else:
        for line in lines:
            stage = f" [{line['stage']}]" if line.get("stage") else ""
            out.print(
                f"{line.get('created_at', '')} {line.get('level', '')}{stage} {line.get('message', '')}",
                markup=False,
            )
    if follow:
        follow_existing(ctx, job_id)


@jobs_app.command("resume")
@client_command
def resume_job(
    ctx: typer.Context,
    job_id: JobId,
    approve: Annotated[bool, typer.Option("--approve/--reject", help="Approve or reject the PII map")] = True,
    reason: Annotated[str | None, typer.Option(help="Why (recorded with the decision)")] = None,
) -> None:
    """Answer a job that awaits approval: it continues (approved) or ends cancelled (rejected)."""
    body = ResumeRequest(approved=approve, reason=reason) if reason else ResumeRequest(approved=approve)
    with api_client(ctx) as client:
        data = client.call(resume_job_endpoint.sync_detailed, job_id, body=body).data
    show_message(options_of(ctx), data, f"job {job_id} {'approved' if approve else 'rejected'}")


def register(app: typer.Typer) -> None:
    """Add `tdm jobs ...` to the CLI."""
    app.add_typer(jobs_app, name="jobs")
