"""Migrations apply, revert and re-apply cleanly, and describe exactly what the models declare."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from tdm_metadata_store.db import make_engine
from tdm_metadata_store.migrate import current, downgrade, head, upgrade
from tdm_metadata_store.models import metadata


def _table_names(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade_round_trip(fresh_db_url: str) -> None:
    assert current(fresh_db_url) is None

    upgrade(fresh_db_url)
    assert current(fresh_db_url) == head()
    assert set(metadata.tables) <= _table_names(fresh_db_url)

    downgrade(fresh_db_url, "base")
    assert current(fresh_db_url) is None
    assert _table_names(fresh_db_url) <= {"alembic_version"}

    upgrade(fresh_db_url)
    assert current(fresh_db_url) == head()


def test_models_and_migrations_agree(metadata_db_url: str) -> None:
    engine = make_engine(metadata_db_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            differences = compare_metadata(context, metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_postgresql_scheme_without_driver_is_accepted(fresh_db_url: str) -> None:
    plain = fresh_db_url.replace("postgresql+psycopg://", "postgresql://")
    assert plain.startswith("postgresql://")
    upgrade(plain)
    assert current(plain) == head()
