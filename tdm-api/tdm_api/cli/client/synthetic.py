"""`tdm synthetic [--preview|--list-domain-packs]`: generated multi-table data."""

from __future__ import annotations

from typing import Annotated

import typer

from tdm_api.cli.client.calls import get_list, post_record
from tdm_api.cli.client.context import client_command
from tdm_api.cli.client.generated.api.synthetic import generate_synthetic, preview_synthetic
from tdm_api.cli.client.generated.api.synthetic import list_domain_packs as domain_packs_endpoint
from tdm_api.cli.client.generated.models import SyntheticPreviewRequest, SyntheticRequest
from tdm_api.cli.client.request_files import build_request, parse_json_option, to_model
from tdm_api.cli.client.submit import RequestFile, Wait, run_job


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
        get_list(ctx, domain_packs_endpoint.sync_detailed, ("name", "description"))
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
        post_record(ctx, preview_synthetic.sync_detailed, to_model(SyntheticPreviewRequest, body))
        return
    run_job(ctx, generate_synthetic.sync_detailed, to_model(SyntheticRequest, body), wait)


def register(app: typer.Typer) -> None:
    """Add `tdm synthetic` to the CLI."""
    app.command("synthetic")(synthetic)
