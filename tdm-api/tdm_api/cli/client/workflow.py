"""`tdm workflow run|templates|status`: composite pipelines from named templates."""

from __future__ import annotations

from typing import Annotated

import typer

from tdm_api.cli.client.calls import get_list, show_with_items
from tdm_api.cli.client.context import api_client, client_command
from tdm_api.cli.client.generated.api.workflows import (
    execute_workflow,
    get_workflow_status,
    list_workflow_templates,
)
from tdm_api.cli.client.generated.models import WorkflowExecute
from tdm_api.cli.client.request_files import build_request, parse_json_option, to_model
from tdm_api.cli.client.submit import RequestFile, Wait, run_job

workflow_app = typer.Typer(
    help="Run whole pipelines (discover → PII → subset → mask → provision).", no_args_is_help=True
)


@workflow_app.command("run")
@client_command
def run_workflow(
    ctx: typer.Context,
    template: Annotated[str | None, typer.Option(help="Template name (see `tdm workflow templates`)")] = None,
    overrides: Annotated[
        str | None, typer.Option(help='JSON overriding the template\'s presets, e.g. {"target_env": "QA"}')
    ] = None,
    step: Annotated[list[str] | None, typer.Option("--step", help="Run only this step (repeatable)")] = None,
    approve_pii: Annotated[
        bool | None,
        typer.Option("--approve-pii/--no-approve-pii", help="Pause after PII classification until approved"),
    ] = None,
    request: RequestFile = None,
    wait: Wait = False,
) -> None:
    """Start a workflow from a template (a job); with --wait, follow every step to the end."""
    body = build_request(request, template=template, steps=step)
    extra = parse_json_option("overrides", overrides) or {}
    if approve_pii is not None:
        extra["approve_pii"] = approve_pii
    if extra:
        body["overrides"] = {**(body.get("overrides") or {}), **extra}
    run_job(ctx, execute_workflow.sync_detailed, to_model(WorkflowExecute, body), wait)


@workflow_app.command("templates")
@client_command
def list_templates(ctx: typer.Context) -> None:
    """List workflow templates and the operation each runs."""
    get_list(ctx, list_workflow_templates.sync_detailed, ("name", "title", "steps", "requires"))


@workflow_app.command("status")
@client_command
def workflow_status(
    ctx: typer.Context, job_id: Annotated[str, typer.Argument(help="The workflow's job id")]
) -> None:
    """Show every step of a workflow with its own state and output ids."""
    with api_client(ctx) as client:
        data = client.call(get_workflow_status.sync_detailed, job_id).data
    show_with_items(ctx, data, "steps", ("name", "status", "outputs", "error"))


def register(app: typer.Typer) -> None:
    """Add `tdm workflow ...` to the CLI."""
    app.add_typer(workflow_app, name="workflow")
