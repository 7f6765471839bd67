"""`tdm pii classify|show|review|rules`: PII classification of a schema version."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from tdm_api.cli.client.context import api_client, client_command, options_of
from tdm_api.cli.client.exit_codes import ExitCode
from tdm_api.cli.client.generated.api.pii import (
    classify_pii,
    get_pii_map,
    get_suggested_masking_rules,
    review_pii,
)
from tdm_api.cli.client.generated.api.rules import create_masking_rule_set
from tdm_api.cli.client.generated.models import ClassifyRequest, ReviewItem, RuleSetCreate, RuleSetOut
from tdm_api.cli.client.http import ClientError
from tdm_api.cli.client.render import print_json, show_list
from tdm_api.cli.client.request_files import build_request, load_request_document, require, to_model
from tdm_api.cli.client.submit import RequestFile, Wait, run_job
from tdm_api.cli.console import out

pii_app = typer.Typer(help="Find, review and act on personal data in a schema version.", no_args_is_help=True)

SchemaVersion = Annotated[str, typer.Argument(help="Schema version id")]


class Decision(StrEnum):
    confirm = "confirm"
    reject = "reject"
    change = "change"


PII_COLUMNS = ("table", "column", "pii_type", "confidence", "technique", "review_state")


@pii_app.command("classify")
@client_command
def classify(
    ctx: typer.Context,
    schema_version_id: Annotated[str | None, typer.Option(help="Schema version to classify")] = None,
    use_llm: Annotated[
        bool | None, typer.Option("--llm/--no-llm", help="Also ask the configured LLM")
    ] = None,
    sample_size_per_column: Annotated[int | None, typer.Option(help="Values sampled per column")] = None,
    request: RequestFile = None,
    wait: Wait = False,
) -> None:
    """Classify every column of a schema version (a job)."""
    body = build_request(
        request,
        schema_version_id=schema_version_id,
        use_llm=use_llm,
        sample_size_per_column=sample_size_per_column,
    )
    require(body, "schema_version_id")
    run_job(ctx, classify_pii.sync_detailed, to_model(ClassifyRequest, body), wait)


@pii_app.command("show")
@client_command
def show(ctx: typer.Context, schema_version_id: SchemaVersion) -> None:
    """Show the PII map of a schema version: each column's type, confidence, technique and review state."""
    with api_client(ctx) as client:
        data = client.call(get_pii_map.sync_detailed, schema_version_id).data
    options = options_of(ctx)
    if options.json:
        print_json(data)
        return
    show_list(options, data.get("columns") or [], PII_COLUMNS)
    out.print(f"{data.get('columns_flagged', 0)} columns flagged: {data.get('by_type', {})}", markup=False)


@pii_app.command("review")
@client_command
def review(
    ctx: typer.Context,
    schema_version_id: SchemaVersion,
    column: Annotated[
        str | None, typer.Option(help="table.column (or schema.table.column) to review")
    ] = None,
    decision: Annotated[Decision | None, typer.Option(help="confirm, reject (not PII) or change")] = None,
    pii_type: Annotated[
        str | None, typer.Option(help="The right PII type (needed by --decision change)")
    ] = None,
    note: Annotated[str | None, typer.Option(help="Why (kept with the decision)")] = None,
    request: RequestFile = None,
) -> None:
    """Confirm, reject or change classifications: one column by flags, many with --request (a list)."""
    items = _review_items(request)
    if column:
        items.append(review_item(column, decision, pii_type, note))
    if not items:
        raise ClientError("give --column or a --request file with review items", ExitCode.INVALID_REQUEST)
    body = [to_model(ReviewItem, item) for item in items]
    with api_client(ctx) as client:
        result = client.call(review_pii.sync_detailed, schema_version_id, body=body).data
    options = options_of(ctx)
    if options.json:
        print_json(result)
    else:
        out.print(
            f"{len(items)} review(s) recorded; {result.get('columns_flagged', 0)} columns flagged now",
            markup=False,
        )


def _review_items(request: Path | None) -> list[dict[str, Any]]:
    if request is None:
        return []
    document = load_request_document(request)
    items = document.get("reviews") if isinstance(document, dict) else document
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ClientError(f"request file {request} must hold a list of reviews", ExitCode.INVALID_REQUEST)
    return items


def review_item(
    column: str, decision: Decision | None, pii_type: str | None, note: str | None
) -> dict[str, Any]:
    """One review as the API takes it; `column` is `table.column` or `schema.table.column`."""
    table, _, name = column.rpartition(".")
    if not table or not name:
        raise ClientError("--column must be table.column or schema.table.column", ExitCode.INVALID_REQUEST)
    chosen = decision or (Decision.change if pii_type else Decision.confirm)
    item = {"table": table, "column": name, "decision": chosen.value, "pii_type": pii_type, "note": note}
    return {k: v for k, v in item.items() if v is not None}


@pii_app.command("rules")
@client_command
def suggested_rules(
    ctx: typer.Context,
    schema_version_id: SchemaVersion,
    save_as: Annotated[
        str | None, typer.Option(help="Also store them as a masking rule set of this name")
    ] = None,
) -> None:
    """Show the masking rules suggested for the PII found; --save-as stores them as a rule set."""
    options = options_of(ctx)
    with api_client(ctx) as client:
        data = client.call(get_suggested_masking_rules.sync_detailed, schema_version_id).data
        saved = None
        if save_as:
            rule_set = to_model(
                RuleSetCreate,
                {"name": save_as, "rules": data.get("rules") or {}, "schema_version_id": schema_version_id},
            )
            saved = client.call(create_masking_rule_set.sync_detailed, body=rule_set)
    if options.json:
        print_json({**data, **({"rule_set": saved.data} if saved else {})})
        return
    rows = [
        {"column": key, "type": rule.get("type"), "options": rule.get("options")}
        for key, rule in (data.get("rules") or {}).items()
    ]
    show_list(options, rows, ("column", "type", "options"))
    if saved:
        rule_set_out = saved.model(RuleSetOut)
        out.print(
            f"saved as rule set {rule_set_out.name} version {rule_set_out.version} ({rule_set_out.id})",
            markup=False,
        )


def register(app: typer.Typer) -> None:
    """Add `tdm pii ...` to the CLI."""
    app.add_typer(pii_app, name="pii")
