"""`tdm migrate`: bring the metadata store's schema to the newest revision, then list stored
masking rule sets that can no longer run."""

from __future__ import annotations

import typer
from sqlalchemy.engine import make_url

from tdm_api.cli.console import out


def migrate(
    check_rules: bool = typer.Option(
        False, "--check-rules", help="Exit with status 3 when a stored masking rule set cannot run"
    ),
) -> None:
    """Apply the metadata store's migrations to the database named by DATABASE_URL."""
    # Imported on use: Alembic and the models load only for the commands that need them.
    from tdm_metadata_store.migrate import current, upgrade
    from tdm_metadata_store.settings import get_settings

    url = get_settings().database_url
    upgrade(url)
    shown = make_url(url).render_as_string(hide_password=True)
    out.print(f"metadata store {shown} is at revision {current(url)}", markup=False)
    invalid = _report_invalid_rule_sets(url)
    if invalid and check_rules:
        raise typer.Exit(3)


def _report_invalid_rule_sets(url: str) -> int:
    """Print each stored rule set version that would be refused today; how many there are."""
    from tdm_agents.masking.stored_rules import invalid_rule_sets
    from tdm_metadata_store.db import make_engine, make_session_factory

    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            invalid = invalid_rule_sets(session)
    finally:
        engine.dispose()
    for rule_set in invalid:
        out.print(
            f"invalid masking rule set {rule_set.id} ({rule_set.name} v{rule_set.version}):", markup=False
        )
        for problem in rule_set.problems:
            out.print(f"  {problem['field']}: {problem['message']}", markup=False)
    if invalid:
        out.print(
            f"{len(invalid)} stored masking rule set version(s) cannot run; save fixed versions", markup=False
        )
    return len(invalid)


def register(app: typer.Typer) -> None:
    """Add `tdm migrate` to the CLI."""
    app.command("migrate")(migrate)
