"""`tdm subset [--plan]`, `tdm mask`, `tdm synthetic [--preview]`, `tdm provision`: the job-starting commands."""

from __future__ import annotations

from typing import Annotated

import typer

from tdm_api.cli.client.calls import get_list, post_record
from tdm_api.cli.client.context import client_command
from tdm_api.cli.client.request_files import build_request, parse_json_option, require
from tdm_api.cli.client.submit import RequestFile, Wait, run_job

JsonOption = Annotated[str | None, typer.Option(show_default=False)]


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
    if plan:
        post_record(ctx, "/subset/plan", body)
        return
    run_job(ctx, "/subset", body, wait)


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
    run_job(ctx, "/mask", body, wait)


@client_command
def synthetic(
    ctx: typer.Context,
    domain_pack: Annotated[str | None, typer.Option(help="Domain pack, e.g. ecommerce")] = None,
    schema_version_id: Annotated[str | None, typer.Option(help="Generate for this schema version")] = None,
    api_spec_url: Annotated[str | None, typer.Option(help="OpenAPI spec to derive entities from")] = None,
    ui_url: Annotated[
        list[str] | None, typer.Option("--ui-url", help="Web form to crawl (repeatable)")
    ] = None,
    row_counts: Annotated[str | None, typer.Option(help='JSON: {"customer": 1000, "order": 5000}')] = None,
    engine: Annotated[str | None, typer.Option(help="rules or sdv")] = None,
    seed: Annotated[int | None, typer.Option(help="Seed: the same seed gives the same data")] = None,
    locale: Annotated[str | None, typer.Option(help="Faker locale, e.g. en_US or de_DE")] = None,
    preview: Annotated[
        bool, typer.Option("--preview", help="Show a few rows per table now, start no job")
    ] = False,
    list_domain_packs: Annotated[
        bool, typer.Option("--list-domain-packs", help="List the domain packs and exit")
    ] = False,
    request: RequestFile = None,
    wait: Wait = False,
) -> None:
    """Generate synthetic multi-table data into a new dataset version (a job), or preview it."""
    if list_domain_packs:
        get_list(ctx, "/synthetic/domain-packs", ("name", "description"))
        return
    body = build_request(
        request,
        domain_pack=domain_pack,
        schema_version_id=schema_version_id,
        api_spec_url=api_spec_url,
        ui_urls=ui_url,
        row_counts=parse_json_option("row_counts", row_counts),
        engine=engine,
        seed=seed,
        locale=locale,
    )
    if preview:
        post_record(ctx, "/synthetic/preview", body)
        return
    run_job(ctx, "/synthetic", body, wait)


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
    run_job(ctx, "/provision", body, wait)


def register(app: typer.Typer) -> None:
    """Add `tdm subset`, `tdm mask`, `tdm synthetic` and `tdm provision` to the CLI."""
    app.command("subset")(subset)
    app.command("mask")(mask)
    app.command("synthetic")(synthetic)
    app.command("provision")(provision)
