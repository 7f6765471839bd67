"""Reset the target's copy of the dataset's tables: foreign keys off, truncate or drop, keys back on.

Foreign keys touching the dataset's tables (from either side, including tables outside the
dataset) are dropped before the reset and recreated from their saved definitions after the load,
in the same transaction. Recreating validates every key against the final data in one pass, so a
child row outside the dataset that lost its parent fails the run (and rolls everything back)
instead of being silently cascaded away.
"""

from __future__ import annotations

from typing import Literal

import psycopg
from psycopg import sql

from tdm_agents.provisioning.catalog import ForeignKeyDef
from tdm_agents.provisioning.layout import TargetTable

ResetMode = Literal["truncate", "append", "upsert", "drop_create"]
RESET_MODES: tuple[str, ...] = ("truncate", "append", "upsert", "drop_create")


def drop_foreign_keys(conn: psycopg.Connection, keys: list[ForeignKeyDef]) -> None:
    """Drop each constraint (its definition is kept by the caller for `recreate_foreign_keys`)."""
    for fk in keys:
        conn.execute(
            sql.SQL("ALTER TABLE {} DROP CONSTRAINT {}").format(
                sql.Identifier(fk.schema, fk.table), sql.Identifier(fk.name)
            )
        )


def recreate_foreign_keys(conn: psycopg.Connection, keys: list[ForeignKeyDef]) -> None:
    """Add the constraints back exactly as they were defined (validated against the loaded rows)."""
    for fk in keys:
        conn.execute(
            sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} {}").format(
                sql.Identifier(fk.schema, fk.table), sql.Identifier(fk.name), sql.SQL(fk.definition)
            )
        )


def truncate_tables(conn: psycopg.Connection, tables: list[TargetTable]) -> None:
    """Empty exactly these tables in one statement (children first; no CASCADE to other tables)."""
    if tables:
        conn.execute(sql.SQL("TRUNCATE TABLE {}").format(sql.SQL(", ").join(t.ident for t in tables)))


def drop_tables(conn: psycopg.Connection, tables: list[TargetTable]) -> None:
    """Drop these tables (no CASCADE: a view that depends on one stops the run with a clear error)."""
    if tables:
        conn.execute(sql.SQL("DROP TABLE {}").format(sql.SQL(", ").join(t.ident for t in tables)))
