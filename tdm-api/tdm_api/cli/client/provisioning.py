"""`tdm provision`: load a dataset version into a target environment."""

from __future__ import annotations

from typing import Annotated

import typer

from tdm_api.cli.client.context import client_command
from tdm_api.cli.client.generated.api.provisioning import provision_dataset
from tdm_api.cli.client.generated.models import ProvisionRequest
from tdm_api.cli.client.request_files import build_request, require, to_model
from tdm_api.cli.client.submit import RequestFile, Wait, run_job


@client_command
def provision(
    ctx: typer.Context,
    dataset_version_id: Annotated[str | None, typer.Option(help="Dataset version to load")] = None,
    target_env: Annotated[
        str | None, typer.Option("--target-env", "--env", help="Environment name or id, e.g. QA")
    ] = None,
    reset_env: Annotated[
        bool | None, typer.Option("--reset/--no-reset", help="Empty the target tables first")
    ] = None,
    run_smoke_tests: Annotated[
        bool | None, typer.Option("--smoke-tests/--no-smoke-tests", help="Check the load")
    ] = None,
    mode: Annotated[str | None, typer.Option(help="truncate, append, upsert or drop_create")] = None,
    target_schema: Annotated[
        str | None, typer.Option(help="Target schema, e.g. an ephemeral ci_<run> schema")
    ] = None,
    ttl_hours: Annotated[
        float | None, typer.Option(help="Drop the (ephemeral) target schema after this many hours")
    ] = None,
    request: RequestFile = None,
    wait: Wait = False,
) -> None:
    """Load a dataset version into a target environment (a job)."""
    body = build_request(
        request,
        dataset_version_id=dataset_version_id,
        target_env=target_env,
        reset_env=reset_env,
        run_smoke_tests=run_smoke_tests,
        mode=mode,
        target_schema=target_schema,
        ttl_hours=ttl_hours,
    )
    require(body, "dataset_version_id", "target_env")
    run_job(ctx, provision_dataset.sync_detailed, to_model(ProvisionRequest, body), wait)


def register(app: typer.Typer) -> None:
    """Add `tdm provision` to the CLI."""
    app.command("provision")(provision)
