"""`tdm mask`: mask a dataset version into a new one."""

from __future__ import annotations

from typing import Annotated

import typer

from tdm_api.cli.client.context import client_command
from tdm_api.cli.client.generated.api.masking import mask_dataset
from tdm_api.cli.client.generated.models import MaskRequest
from tdm_api.cli.client.request_files import build_request, parse_json_option, require, to_model
from tdm_api.cli.client.submit import RequestFile, Wait, run_job


@client_command
def mask(
    ctx: typer.Context,
    dataset_version_id: Annotated[
        str | None, typer.Option(help="Dataset version to mask (left unchanged)")
    ] = None,
    rule_set_id: Annotated[str | None, typer.Option(help="Stored masking rule set")] = None,
    rule_set_version: Annotated[int | None, typer.Option(help="Version of that rule set")] = None,
    rules: Annotated[
        str | None, typer.Option(help='Inline rules as JSON: {"customers.email": "mask.email_deterministic"}')
    ] = None,
    suggested_rules: Annotated[
        bool | None,
        typer.Option("--suggested-rules", help="Use the rules suggested by the reviewed PII classification"),
    ] = None,
    name: Annotated[str | None, typer.Option(help="Name of the masked version")] = None,
    request: RequestFile = None,
    wait: Wait = False,
) -> None:
    """Mask a dataset version into a new one with stored, inline or suggested rules (a job)."""
    body = build_request(
        request,
        dataset_version_id=dataset_version_id,
        rule_set_id=rule_set_id,
        rule_set_version=rule_set_version,
        rules=parse_json_option("rules", rules),
        use_suggested_rules=suggested_rules,
        name=name,
    )
    require(body, "dataset_version_id")
    run_job(ctx, mask_dataset.sync_detailed, to_model(MaskRequest, body), wait)


def register(app: typer.Typer) -> None:
    """Add `tdm mask` to the CLI."""
    app.command("mask")(mask)
