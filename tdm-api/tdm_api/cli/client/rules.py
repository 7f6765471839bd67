"""`tdm rules list|show|create`: masking rule sets."""

from __future__ import annotations

from typing import Annotated

import typer

from tdm_api.cli.client.calls import get_list, post_record, show_with_items
from tdm_api.cli.client.context import api_client, client_command
from tdm_api.cli.client.generated.api.rules import (
    create_masking_rule_set,
    get_masking_rule_set,
    list_masking_rule_sets,
)
from tdm_api.cli.client.generated.models import RuleSetCreate
from tdm_api.cli.client.request_files import build_request, parse_json_option, require, to_model
from tdm_api.cli.client.submit import RequestFile

rules_app = typer.Typer(help="Masking rule sets (versioned by name).", no_args_is_help=True)

RULE_SET_COLUMNS = ("id", "name", "version", "schema_version_id", "created_by", "created_at")


@rules_app.command("list")
@client_command
def list_rule_sets(ctx: typer.Context) -> None:
    """List masking rule sets."""
    get_list(ctx, list_masking_rule_sets.sync_detailed, RULE_SET_COLUMNS)


@rules_app.command("show")
@client_command
def show_rule_set(
    ctx: typer.Context, rule_set_id: Annotated[str, typer.Argument(help="Rule set id")]
) -> None:
    """Show a rule set with its rules."""
    with api_client(ctx) as client:
        data = client.call(get_masking_rule_set.sync_detailed, rule_set_id).data
    fields = [c for c in RULE_SET_COLUMNS if c != "id"] + ["description"]
    show_with_items(ctx, data, "rules", ("table", "column", "type", "options"), fields)


@rules_app.command("create")
@client_command
def create_rule_set(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option(help="Rule set name (a new version if it exists)")] = None,
    rules: Annotated[
        str | None, typer.Option(help='JSON: {"customers.email": "mask.email_deterministic"}')
    ] = None,
    schema_version_id: Annotated[
        str | None, typer.Option(help="Check the rules against this schema version")
    ] = None,
    description: Annotated[str | None, typer.Option(help="What the rules are for")] = None,
    request: RequestFile = None,
) -> None:
    """Create a rule set, or a new version of one with the same name."""
    body = build_request(
        request,
        name=name,
        rules=parse_json_option("rules", rules),
        schema_version_id=schema_version_id,
        description=description,
    )
    require(body, "name", "rules")
    post_record(ctx, create_masking_rule_set.sync_detailed, to_model(RuleSetCreate, body), RULE_SET_COLUMNS)


def register(app: typer.Typer) -> None:
    """Add `tdm rules ...` to the CLI."""
    app.add_typer(rules_app, name="rules")
