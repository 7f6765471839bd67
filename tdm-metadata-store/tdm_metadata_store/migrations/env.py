"""Alembic environment: runs on the connection that tdm_metadata_store.migrate hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from tdm_metadata_store.models import metadata

config = context.config


def _run_on(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    """Emit SQL for a URL without connecting (alembic --sql)."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Migrate on the caller's connection, or on a fresh engine from the configured URL."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_on(connection)
        return
    from tdm_metadata_store.db import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url") or "", poolclass=None)
    try:
        with engine.connect() as conn:
            _run_on(conn)
            conn.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
