"""`tdm connections add|list|test` and `tdm environments add|list`."""

from __future__ import annotations

from typing import Annotated

import typer

from tdm_api.cli.client.calls import get_list, post_record
from tdm_api.cli.client.context import api_client, client_command, options_of
from tdm_api.cli.client.generated.api.connections import (
    create_connection,
)
from tdm_api.cli.client.generated.api.connections import (
    list_connections as list_connections_endpoint,
)
from tdm_api.cli.client.generated.api.connections import (
    test_connection as test_connection_endpoint,
)
from tdm_api.cli.client.generated.api.environments import (
    create_environment,
)
from tdm_api.cli.client.generated.api.environments import (
    list_environments as list_environments_endpoint,
)
from tdm_api.cli.client.generated.models import ConnectionCreate, ConnectionTestResult, EnvironmentCreate
from tdm_api.cli.client.render import show_record
from tdm_api.cli.client.request_files import build_request, parse_json_option, require, to_model
from tdm_api.cli.client.submit import RequestFile

connections_app = typer.Typer(help="Source databases the platform reads from.", no_args_is_help=True)
environments_app = typer.Typer(
    help="Target environments datasets are provisioned into.", no_args_is_help=True
)

# Given by environment variable rather than flag, the URL (and its password) stays out of shell history.
ConnectionString = Annotated[
    str | None,
    typer.Option(
        "--connection-string",
        envvar="TDM_CONNECTION_STRING",
        show_default=False,
        help="A postgresql:// URL (sockets: postgresql://user@/db?host=/dir) or libpq key=value pairs "
        "(or env TDM_CONNECTION_STRING).",
    ),
]

CONNECTION_COLUMNS = ("id", "name", "display_url", "created_by", "created_at")
ENVIRONMENT_COLUMNS = ("id", "name", "description", "has_connection", "display_url")


@connections_app.command("add")
@client_command
def add_connection(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option(help="Unique name")] = None,
    connection_string: ConnectionString = None,
    request: RequestFile = None,
) -> None:
    """Register a source database (its password is stored encrypted and never shown again)."""
    body = build_request(request, name=name, connection_string=connection_string)
    require(body, "name", "connection_string")
    post_record(ctx, create_connection.sync_detailed, to_model(ConnectionCreate, body), CONNECTION_COLUMNS)


@connections_app.command("list")
@client_command
def list_connections(ctx: typer.Context) -> None:
    """List source connections (without secrets)."""
    get_list(ctx, list_connections_endpoint.sync_detailed, CONNECTION_COLUMNS)


@connections_app.command("test")
@client_command
def test_connection(
    ctx: typer.Context, connection_id: Annotated[str, typer.Argument(help="Connection id")]
) -> None:
    """Check that the platform can log in to the source database."""
    with api_client(ctx) as client:
        answer = client.call(test_connection_endpoint.sync_detailed, connection_id)
    show_record(options_of(ctx), answer.data)
    if not answer.model(ConnectionTestResult).ok:
        raise typer.Exit(3)


@environments_app.command("add")
@client_command
def add_environment(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option(help="QA, SIT, UAT, Perf, Dev or your own")] = None,
    description: Annotated[str | None, typer.Option(help="What the environment is for")] = None,
    connection_string: ConnectionString = None,
    config: Annotated[
        str | None, typer.Option(help="Config as JSON: reset_mode, target_schema, protected, ...")
    ] = None,
    request: RequestFile = None,
) -> None:
    """Register a target environment."""
    body = build_request(
        request,
        name=name,
        description=description,
        connection_string=connection_string,
        config=parse_json_option("config", config),
    )
    require(body, "name")
    post_record(ctx, create_environment.sync_detailed, to_model(EnvironmentCreate, body))


@environments_app.command("list")
@client_command
def list_environments(ctx: typer.Context) -> None:
    """List target environments."""
    get_list(ctx, list_environments_endpoint.sync_detailed, ENVIRONMENT_COLUMNS)


def register(app: typer.Typer) -> None:
    """Add `tdm connections ...` and `tdm environments ...` to the CLI."""
    app.add_typer(connections_app, name="connections")
    app.add_typer(environments_app, name="environments")
