"""`tdm datasets list|show|download|delete` and `tdm lineage`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tdm_api.cli.client.calls import get_list
from tdm_api.cli.client.context import api_client, client_command, options_of
from tdm_api.cli.client.download import download
from tdm_api.cli.client.exit_codes import ExitCode
from tdm_api.cli.client.generated.api.datasets import delete_dataset as delete_dataset_endpoint
from tdm_api.cli.client.generated.api.datasets import get_dataset
from tdm_api.cli.client.generated.api.datasets import list_datasets as list_datasets_endpoint
from tdm_api.cli.client.generated.api.lineage import get_dataset_lineage
from tdm_api.cli.client.render import print_json, show_list, show_message, show_record
from tdm_api.cli.console import err

datasets_app = typer.Typer(help="Dataset versions: subsets, masked and synthetic data.", no_args_is_help=True)

DatasetId = Annotated[str, typer.Argument(help="Dataset version id")]
DATASET_COLUMNS = ("id", "name", "source_type", "status", "row_count", "byte_size", "created_at")


@datasets_app.command("list")
@client_command
def list_datasets(
    ctx: typer.Context,
    source_type: Annotated[str | None, typer.Option(help="subset, masked or synthetic")] = None,
    schema_version_id: Annotated[
        str | None, typer.Option(help="Only versions of this schema version")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=500, help="Versions per page")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Versions to skip")] = 0,
) -> None:
    """List dataset versions, newest first."""
    get_list(
        ctx,
        list_datasets_endpoint.sync_detailed,
        DATASET_COLUMNS,
        source_type=source_type,
        schema_version_id=schema_version_id,
        limit=limit,
        offset=offset,
    )


@datasets_app.command("show")
@client_command
def show_dataset(ctx: typer.Context, dataset_id: DatasetId) -> None:
    """Show a dataset version: metadata, tables and row counts, lineage."""
    with api_client(ctx) as client:
        show_record(options_of(ctx), client.call(get_dataset.sync_detailed, dataset_id).data)


@datasets_app.command("download")
@client_command
def download_dataset(
    ctx: typer.Context,
    dataset_id: DatasetId,
    table: Annotated[
        str | None, typer.Option(help="One table's Parquet file instead of the whole version")
    ] = None,
    output_path: Annotated[
        Path | None,
        typer.Option("--to", help="Directory to write the Parquet files to [default: ./<dataset id>/]"),
    ] = None,
) -> None:
    """Stream every table of a dataset version (or one) to Parquet files, chunk by chunk."""
    with api_client(ctx) as client:
        files = download(client, dataset_id, table, output_path)
    data = {"dataset_version_id": dataset_id, "files": files}
    lines = "\n".join(f"wrote {f['path']} ({f['bytes']} bytes)" for f in files)
    show_message(options_of(ctx), data, lines)


@datasets_app.command("delete")
@client_command
def delete_dataset(
    ctx: typer.Context,
    dataset_id: DatasetId,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask")] = False,
) -> None:
    """Delete a dataset version's files (its lineage keeps a tombstone)."""
    if not yes and not typer.confirm(f"delete dataset version {dataset_id}?", err=True):
        err.print("nothing deleted", markup=False)
        raise typer.Exit(int(ExitCode.CANCELLED))
    with api_client(ctx) as client:
        data = client.call(delete_dataset_endpoint.sync_detailed, dataset_id).data
    show_message(options_of(ctx), data, f"deleted dataset version {dataset_id}")


@client_command
def lineage(ctx: typer.Context, dataset_id: DatasetId) -> None:
    """Show a dataset version's lineage: where it came from and where it went."""
    options = options_of(ctx)
    with api_client(ctx) as client:
        graph = client.call(get_dataset_lineage.sync_detailed, dataset_id).data
    if options.json or not isinstance(graph, dict):
        print_json(graph)
        return
    show_list(options, graph.get("nodes") or [], ("id", "type", "label", "status"))
    show_list(options, graph.get("edges") or [], ("source", "operation", "target", "job_id"))
    if graph.get("columns"):
        show_list(options, graph["columns"], ("table_name", "column_name", "rule_type", "key_id"))


def register(app: typer.Typer) -> None:
    """Add `tdm datasets ...` and `tdm lineage` to the CLI."""
    app.add_typer(datasets_app, name="datasets")
    app.command("lineage")(lineage)
