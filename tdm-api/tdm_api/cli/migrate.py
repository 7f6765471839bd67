"""`tdm migrate`: bring the metadata store's schema to the newest revision."""

from __future__ import annotations

import typer
from sqlalchemy.engine import make_url

from tdm_api.cli.console import out


def migrate() -> None:
    """Apply the metadata store's migrations to the database named by DATABASE_URL."""
    # Imported on use: Alembic and the models load only for the commands that need them.
    from tdm_metadata_store.migrate import current, upgrade
    from tdm_metadata_store.settings import get_settings

    url = get_settings().database_url
    upgrade(url)
    shown = make_url(url).render_as_string(hide_password=True)
    out.print(f"metadata store {shown} is at revision {current(url)}", markup=False)


def register(app: typer.Typer) -> None:
    """Add `tdm migrate` to the CLI."""
    app.command("migrate")(migrate)
