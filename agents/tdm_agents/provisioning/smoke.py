"""Smoke tests on the loaded target, inside the load's transaction (they see exactly what will commit).

Checks: row counts against the manifest, every foreign key (anti-join counts, including
user-defined keys that exist only in the metadata store), every primary and unique key, and the
environment's own queries. Those run with `transaction_read_only` on, inside a savepoint that is
rolled back afterwards, so a query cannot change the target. Details name tables, keys and counts,
never values. A key that a validated constraint of the target covers passes without a scan: the
database checked every row when the constraint was added (see `enforced`).
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import sql
from psycopg.abc import Query

from tdm_agents.provisioning.enforced import EnforcedKeys, enforced_keys
from tdm_agents.provisioning.layout import TargetLayout, TargetTable
from tdm_metadata_store.snapshot import RelationshipInfo

SMOKE_QUERY_TIMEOUT = "30s"


def run_smoke_tests(
    conn: psycopg.Connection,
    layout: TargetLayout,
    expected_rows: dict[str, int],
    *,
    exact_counts: bool,
    smoke_queries: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Run every check; returns `{passed, checks: [{name, passed, detail}]}`."""
    checks = [_row_count(conn, layout.tables[key], rows, exact_counts) for key, rows in expected_rows.items()]
    enforced = enforced_keys(conn, layout.tables.values())
    checks += [_foreign_key(conn, layout, rel, enforced) for rel in layout.relationships]
    for table in layout.tables.values():
        keys = [table.info.primary_key] if table.info.primary_key else []
        keys += [u.columns for u in table.info.unique_constraints]
        checks += [_unique(conn, table, cols, enforced) for cols in keys if cols]
    checks += [_user_query(conn, query) for query in smoke_queries or []]
    return {"passed": all(c["passed"] for c in checks), "checks": checks}


def _check(name: str, passed: bool, detail: str) -> dict[str, Any]:
    return {"name": name, "passed": passed, "detail": detail}


def _scalar(conn: psycopg.Connection, query: Query) -> int:
    row = conn.execute(query).fetchone()
    return int(row[0]) if row else 0


def _row_count(conn: psycopg.Connection, table: TargetTable, expected: int, exact: bool) -> dict[str, Any]:
    found = _scalar(conn, sql.SQL("SELECT count(*) FROM {}").format(table.rows_ident))
    passed = found == expected if exact else found >= expected
    relation = "=" if exact else ">="
    return _check(f"row_count:{table.key}", passed, f"{found} rows, expected {relation} {expected}")


def _foreign_key(
    conn: psycopg.Connection, layout: TargetLayout, rel: RelationshipInfo, enforced: EnforcedKeys
) -> dict[str, Any]:
    child, parent = layout.tables[rel.child_key], layout.tables[rel.parent_key]
    name = f"foreign_key:{rel.child_key}({','.join(rel.child_columns)})->{rel.parent_key}"
    constraint = enforced.foreign_key(rel.child_key, rel.child_columns, rel.parent_key, rel.parent_columns)
    if constraint:
        return _check(name, True, f"enforced by constraint {constraint}")
    present = sql.SQL(" AND ").join(
        sql.SQL("c.{} IS NOT NULL").format(sql.Identifier(c)) for c in rel.child_columns
    )
    match = sql.SQL(" AND ").join(
        sql.SQL("p.{} = c.{}").format(sql.Identifier(p), sql.Identifier(c))
        for c, p in zip(rel.child_columns, rel.parent_columns, strict=True)
    )
    orphans = _scalar(
        conn,
        sql.SQL("SELECT count(*) FROM {} c WHERE {} AND NOT EXISTS (SELECT 1 FROM {} p WHERE {})").format(
            child.rows_ident, present, parent.rows_ident, match
        ),
    )
    return _check(name, orphans == 0, f"{orphans} rows reference a missing parent")


def _unique(
    conn: psycopg.Connection, table: TargetTable, columns: list[str], enforced: EnforcedKeys
) -> dict[str, Any]:
    constraint = enforced.unique_constraint(table.key, columns)
    if constraint:
        return _check(
            f"unique:{table.key}({','.join(columns)})", True, f"enforced by constraint {constraint}"
        )
    cols = sql.SQL(", ").join(sql.Identifier(c) for c in columns)
    present = sql.SQL(" AND ").join(sql.SQL("{} IS NOT NULL").format(sql.Identifier(c)) for c in columns)
    duplicates = _scalar(
        conn,
        sql.SQL("SELECT count(*) FROM (SELECT 1 FROM {} WHERE {} GROUP BY {} HAVING count(*) > 1) d").format(
            table.rows_ident, present, cols
        ),
    )
    return _check(
        f"unique:{table.key}({','.join(columns)})",
        duplicates == 0,
        f"{duplicates} key values appear more than once",
    )


def _user_query(conn: psycopg.Connection, query: dict[str, Any]) -> dict[str, Any]:
    name = f"query:{query.get('name', 'unnamed')}"
    expect = query.get("expect", "non_empty")
    try:
        with conn.transaction():
            conn.execute("SET LOCAL transaction_read_only = on")
            conn.execute(sql.SQL("SET LOCAL statement_timeout = {}").format(sql.Literal(SMOKE_QUERY_TIMEOUT)))
            rows = conn.execute(sql.SQL(query["sql"])).fetchmany(2)  # type: ignore[arg-type]
            raise _Rollback(rows)
    except _Rollback as done:
        rows = done.rows
    except psycopg.Error as exc:
        return _check(name, False, f"the query failed (SQLSTATE {exc.sqlstate or 'unknown'})")
    if expect == "empty":
        return _check(name, not rows, "returned no rows" if not rows else "returned rows")
    if expect == "equals":
        value = rows[0][0] if rows and rows[0] else None
        passed = value is not None and str(value) == str(query.get("expected_value"))
        return _check(name, passed, "returned the expected value" if passed else "returned a different value")
    return _check(name, bool(rows), "returned rows" if rows else "returned no rows")


class _Rollback(Exception):
    """Leaves the savepoint by rolling it back, carrying the rows the query returned."""

    def __init__(self, rows: list[tuple]) -> None:
        super().__init__("smoke query done")
        self.rows = rows
