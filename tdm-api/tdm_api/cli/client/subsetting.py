"""`tdm subset [--plan]`: a referentially intact subset of a source, or its plan."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from tdm_api.cli.client.calls import post_record
from tdm_api.cli.client.context import client_command
from tdm_api.cli.client.generated.api.subset import create_subset, plan_subset
from tdm_api.cli.client.generated.models import SubsetJobRequest
from tdm_api.cli.client.request_files import build_request, parse_json_option, require, to_model
from tdm_api.cli.client.submit import RequestFile, Wait, run_job


@client_command
def subset(
    ctx: typer.Context,
    schema_version_id: Annotated[
        str | None, typer.Option(help="Schema version describing the source")
    ] = None,
    connection_id: Annotated[
        str | None, typer.Option(help="Source connection [default: the schema's]")
    ] = None,
    root_table: Annotated[
        list[str] | None, typer.Option("--root-table", help="Table the subset starts from (repeatable)")
    ] = None,
    sampling_pct: Annotated[float | None, typer.Option(help="Percentage (0-100) of root rows kept")] = None,
    seed: Annotated[
        int | None, typer.Option(help="Sampling seed: the same seed gives the same subset")
    ] = None,
    filters: Annotated[
        str | None, typer.Option(help='JSON: {"customers": [{"column", "op", "value"}]}')
    ] = None,
    max_rows_per_table: Annotated[
        str | None, typer.Option(help='JSON: a number, or {"orders": 5000}')
    ] = None,
    include_children_of_parents: Annotated[
        int | None,
        typer.Option(
            min=0,
            help="Completeness: parents pulled in bring their own children this many hops down [default: 0]",
        ),
    ] = None,
    plan: Annotated[
        bool, typer.Option("--plan", help="Dry run: show the plan and estimates, start no job")
    ] = False,
    request: RequestFile = None,
    wait: Wait = False,
) -> None:
    """Extract a referentially intact subset into a new dataset version (a job), or plan one."""
    roots = list(root_table or [])
    body = build_request(
        request,
        schema_version_id=schema_version_id,
        connection_id=connection_id,
        root_table=roots[0] if len(roots) == 1 else roots,
        sampling_pct=sampling_pct,
        seed=seed,
        filters=parse_json_option("filters", filters),
        max_rows_per_table=parse_json_option("max_rows_per_table", max_rows_per_table),
        include_children_of_parents=include_children_of_parents,
    )
    require(body, "schema_version_id", "root_table")
    if isinstance(body.get("filters"), dict):
        body["filters"] = expand_filters(body["filters"])
    request_model = to_model(SubsetJobRequest, body)
    if plan:
        post_record(ctx, plan_subset.sync_detailed, request_model)
        return
    run_job(ctx, create_subset.sync_detailed, request_model, wait)


def expand_filters(filters: dict[str, Any]) -> dict[str, Any]:
    """The short form `{"customers": {"region": "US"}}` as the conditions it means (`column = value`).

    The API accepts it too, but docs/openapi.json describes only the list form the generated model reads.
    """
    return {
        table: [{"column": c, "op": "=", "value": v} for c, v in conditions.items()]
        if isinstance(conditions, dict)
        else conditions
        for table, conditions in filters.items()
    }


def register(app: typer.Typer) -> None:
    """Add `tdm subset` to the CLI."""
    app.command("subset")(subset)
