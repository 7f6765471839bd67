"""`tdm discover` and `tdm schemas list|show|diff|drift-gate`."""

from __future__ import annotations

from typing import Annotated

import typer

from tdm_api.cli.client.calls import get_list
from tdm_api.cli.client.context import api_client, client_command, options_of
from tdm_api.cli.client.exit_codes import ExitCode
from tdm_api.cli.client.generated.api.schemas import (
    diff_schema_versions,
    discover_schema,
    get_schema,
    get_schema_drift_gate,
    list_schema_versions,
)
from tdm_api.cli.client.generated.api.schemas import (
    list_schemas as list_schemas_endpoint,
)
from tdm_api.cli.client.generated.models import DiscoverRequest, DriftGateOut
from tdm_api.cli.client.render import print_json, show_list, show_record
from tdm_api.cli.client.request_files import build_request, require, to_model
from tdm_api.cli.client.submit import RequestFile, Wait, run_job
from tdm_api.cli.console import out

schemas_app = typer.Typer(help="Discovered schemas and their versions.", no_args_is_help=True)

SCHEMA_COLUMNS = ("id", "name", "latest_version", "latest_version_id", "created_at")


@client_command
def discover(
    ctx: typer.Context,
    connection_id: Annotated[str | None, typer.Option(help="Stored source connection to introspect")] = None,
    schema: Annotated[
        list[str] | None,
        typer.Option("--schema", help="PostgreSQL schema to read (repeatable) [default: public]"),
    ] = None,
    sample_size: Annotated[int | None, typer.Option(help="Rows sampled per table for statistics")] = None,
    exact_counts: Annotated[
        bool | None,
        typer.Option(
            "--exact-counts/--estimated-counts", help="Count rows exactly instead of using estimates"
        ),
    ] = None,
    name: Annotated[
        str | None, typer.Option(help="Logical schema name (default: the connection's name)")
    ] = None,
    request: RequestFile = None,
    wait: Wait = False,
) -> None:
    """Discover a source database's schema into a new schema version (a job)."""
    body = build_request(
        request,
        connection_id=connection_id,
        schemas=schema,
        sample_size=sample_size,
        exact_counts=exact_counts,
        schema_name=name,
    )
    if not body.get("connection_string"):
        require(body, "connection_id")
    run_job(ctx, discover_schema.sync_detailed, to_model(DiscoverRequest, body), wait)


@schemas_app.command("list")
@client_command
def list_schemas(ctx: typer.Context) -> None:
    """List discovered schemas with their latest version."""
    get_list(ctx, list_schemas_endpoint.sync_detailed, SCHEMA_COLUMNS)


@schemas_app.command("show")
@client_command
def show_schema(
    ctx: typer.Context,
    schema_id: Annotated[str, typer.Argument(help="Schema id")],
    version: Annotated[int | None, typer.Option(help="Version number [default: latest]")] = None,
    versions: Annotated[bool, typer.Option("--versions", help="List the schema's versions instead")] = False,
) -> None:
    """Show a schema version's tables (or, with --versions, the list of versions)."""
    options = options_of(ctx)
    with api_client(ctx) as client:
        if versions:
            show_list(
                options,
                client.call(list_schema_versions.sync_detailed, schema_id).data,
                ("id", "version_number", "status", "table_count", "column_count", "discovered_at"),
            )
            return
        detail = client.call(get_schema.sync_detailed, schema_id, version=version).data
    if options.json:
        print_json(detail)
        return
    show_record(options, detail["version"])
    tables = detail.get("snapshot", {}).get("tables", [])
    show_list(options, [_table_row(t) for t in tables], ("table", "columns", "row_count", "primary_key"))


def _table_row(table: dict) -> dict:
    schema_name = table.get("schema")
    name = f"{schema_name}.{table.get('name')}" if schema_name else table.get("name")
    pk = table.get("primary_key")
    return {
        "table": name,
        "columns": len(table.get("columns") or []),
        "row_count": table.get("row_count"),
        "primary_key": ", ".join(pk) if isinstance(pk, list) else pk,
    }


@schemas_app.command("diff")
@client_command
def diff_schema(
    ctx: typer.Context,
    schema_id: Annotated[str, typer.Argument(help="Schema id")],
    from_version: Annotated[int, typer.Option("--from", help="Older version number")],
    to_version: Annotated[int, typer.Option("--to", help="Newer version number")],
) -> None:
    """Show drift between two versions: added, removed and changed tables, columns and keys."""
    options = options_of(ctx)
    with api_client(ctx) as client:
        diff = client.call(
            diff_schema_versions.sync_detailed, schema_id, from_=from_version, to=to_version
        ).data
    if options.json:
        print_json(diff)
        return
    # The change lists (added_tables, changed_tables, ...); fingerprints and ids are not changes.
    changes = {k: v for k, v in diff.items() if isinstance(v, list) and v}
    if not changes:
        out.print(f"no changes between versions {from_version} and {to_version}", markup=False)
        return
    show_record(options, changes)


@schemas_app.command("drift-gate")
@client_command
def drift_gate(
    ctx: typer.Context,
    schema_id: Annotated[str, typer.Argument(help="Schema id")],
    rule_set_id: Annotated[
        str | None, typer.Option(help="Baseline: the schema version this rule set was saved for")
    ] = None,
    from_version: Annotated[int | None, typer.Option("--from", help="Baseline version number")] = None,
) -> None:
    """Check the schema drift gate; exits 8 while new or changed columns block mask and provision jobs."""
    options = options_of(ctx)
    with api_client(ctx) as client:
        answer = client.call(
            get_schema_drift_gate.sync_detailed, schema_id, rule_set_id=rule_set_id, from_=from_version
        )
    gate = answer.model(DriftGateOut)
    if options.json:
        print_json(answer.data)
    elif gate.open_:
        out.print(
            f"drift gate open: version {gate.latest_version} against {gate.baseline_version} "
            f"({gate.drifted_columns} drifted column(s), all ruled or reviewed)",
            markup=False,
        )
    else:
        show_list(options, answer.data["blockers"], ("table", "column", "change", "reason"))
    if not gate.open_:
        raise typer.Exit(ExitCode.GATE_CLOSED)


def register(app: typer.Typer) -> None:
    """Add `tdm discover` and `tdm schemas ...` to the CLI."""
    app.command("discover")(discover)
    app.add_typer(schemas_app, name="schemas")
