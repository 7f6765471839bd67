"""`tdm apikey create|list|revoke`: manage API keys directly in the metadata store."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Annotated

import typer

from tdm_api.cli.console import out

apikey_app = typer.Typer(
    help="Create, list and revoke API keys (run next to the metadata store).", no_args_is_help=True
)


class Role(StrEnum):
    admin = "admin"
    operator = "operator"
    viewer = "viewer"


def _session():
    from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
    from tdm_metadata_store.settings import get_settings

    return unit_of_work(make_session_factory(make_engine(get_settings().database_url)))


@apikey_app.command("create")
def create(
    role: Annotated[Role, typer.Option(help="admin, operator or viewer")],
    name: Annotated[str, typer.Option(help="Who or what uses the key (recorded on every job it runs)")],
) -> None:
    """Create a key and print it alone on stdout (it is shown only once)."""
    from tdm_metadata_store.repositories.api_keys import ApiKeyRepository
    from tdm_metadata_store.repositories.audit import AuditRepository

    with _session() as session:
        row, plaintext = ApiKeyRepository(session).create(name, role.value, created_by="tdm apikey")
        AuditRepository(session).record(
            actor="tdm apikey",
            action="apikey.create",
            resource_type="api_key",
            resource_id=row.id,
            details={"name": name, "role": role.value},
        )
    print(plaintext)


@apikey_app.command("list")
def list_keys() -> None:
    """List keys (prefix, name, role, last use, revoked)."""
    from rich.table import Table

    from tdm_metadata_store.repositories.api_keys import ApiKeyRepository

    table = Table("id", "prefix", "name", "role", "last used", "revoked")
    with _session() as session:
        for row in ApiKeyRepository(session).list():
            table.add_row(
                str(row.id),
                row.key_prefix,
                row.name,
                row.role,
                str(row.last_used_at or "-"),
                str(row.revoked_at or "-"),
            )
    out.print(table)


@apikey_app.command("revoke")
def revoke(key_id: Annotated[str, typer.Argument(help="The key's id (from `tdm apikey list`)")]) -> None:
    """Revoke a key: it stops working at once."""
    from tdm_metadata_store.repositories.api_keys import ApiKeyRepository
    from tdm_metadata_store.repositories.audit import AuditRepository

    try:
        kid = uuid.UUID(key_id)
    except ValueError:
        raise typer.BadParameter("key id must be a UUID") from None
    with _session() as session:
        if not ApiKeyRepository(session).revoke(kid):
            out.print("no such key (or already revoked)")
            raise typer.Exit(1)
        AuditRepository(session).record(
            actor="tdm apikey", action="apikey.revoke", resource_type="api_key", resource_id=kid
        )
    out.print(f"revoked {kid}")


def register(app: typer.Typer) -> None:
    """Add `tdm apikey ...` to the CLI."""
    app.add_typer(apikey_app, name="apikey")
