"""Starting a job: submit the request, then either print the acceptance or follow the job (`--wait`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from tdm_api.cli.client.calls import Endpoint
from tdm_api.cli.client.context import api_client, options_of
from tdm_api.cli.client.exit_codes import ExitCode
from tdm_api.cli.client.follow import wait_for_job
from tdm_api.cli.client.generated.models import JobAccepted
from tdm_api.cli.client.render import show_record
from tdm_api.cli.console import err

RequestFile = Annotated[
    Path | None,
    typer.Option(
        "--request",
        "-r",
        help="JSON or YAML file with the request's fields ('-' for stdin); flags override it.",
        show_default=False,
    ),
]
Wait = Annotated[
    bool, typer.Option("--wait", "-w", help="Follow the job to its end; the exit code tells how it ended.")
]


def run_job(ctx: typer.Context, endpoint: Endpoint, body: Any, wait: bool) -> None:
    """Submit a job request (a generated request model); with `wait`, follow it and exit with its outcome."""
    options = options_of(ctx)
    with api_client(ctx) as client:
        answer = client.call(endpoint, body=body)
        if not wait:
            show_record(options, answer.data)
            return
        accepted = answer.model(JobAccepted)
        job_id = str(accepted.job_id)
        if not options.json:
            err.print(f"job {job_id} {accepted.operation or ''} queued", markup=False)
        code = wait_for_job(client, options, job_id)
    if code is not ExitCode.SUCCEEDED:
        raise typer.Exit(int(code))


def follow_existing(ctx: typer.Context, job_id: str) -> None:
    """Follow a job that is already running; exit with the code of its outcome."""
    with api_client(ctx) as client:
        code = wait_for_job(client, options_of(ctx), job_id)
    if code is not ExitCode.SUCCEEDED:
        raise typer.Exit(int(code))
