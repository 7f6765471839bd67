"""One provisioning run: reset, schema, load, keys, sequences and smoke tests in ONE target transaction.

Either everything commits, or the transaction is rolled back and the target is exactly as it was
(DDL is transactional in PostgreSQL, so created schemas, types and tables vanish too).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import psycopg
import pyarrow as pa
from psycopg import sql

from tdm_agents.common.progress import JobHooks, NullHooks
from tdm_agents.provisioning import reset
from tdm_agents.provisioning.catalog import TargetCatalog, foreign_keys_touching, read_catalog
from tdm_agents.provisioning.ddl import SchemaPlan, plan_schema
from tdm_agents.provisioning.errors import LoadError, ProvisioningError, SmokeTestsFailed
from tdm_agents.provisioning.extensions import extension_statements
from tdm_agents.provisioning.layout import TargetLayout, TargetTable
from tdm_agents.provisioning.loader import advance_sequences, load_table
from tdm_agents.provisioning.order import load_order, truncate_order
from tdm_agents.provisioning.smoke import run_smoke_tests
from tdm_agents.provisioning.target import connect, describe_database_error
from tdm_agents.provisioning.wire import plan_wire
from tdm_metadata_store.snapshot import SchemaSnapshot

BatchReader = Callable[[str], Iterable[pa.RecordBatch]]
LOCK_TIMEOUT = "30s"


@dataclass(frozen=True)
class ProvisionOptions:
    """What to do: the reset mode, where tables land, and which checks to run."""

    mode: str = "truncate"
    target_schema: str | None = None
    run_smoke_tests: bool = True
    smoke_queries: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class DatasetInput:
    """The dataset to load: its schema, its tables' row counts and Arrow schemas, and a batch reader."""

    snapshot: SchemaSnapshot
    row_counts: dict[str, int]
    arrow_schemas: dict[str, pa.Schema]
    read: BatchReader


def plan_provisioning(
    conn: psycopg.Connection, dataset: DatasetInput, options: ProvisionOptions
) -> tuple[TargetLayout, TargetCatalog, SchemaPlan]:
    """Map the tables, read the target and plan the DDL; raises SchemaConflictError before any change."""
    if options.mode not in reset.RESET_MODES:
        raise ProvisioningError(f"Unknown mode; use one of {', '.join(reset.RESET_MODES)}.")
    layout = TargetLayout(dataset.snapshot, list(dataset.row_counts), options.target_schema)
    catalog = read_catalog(conn, layout)
    plan = plan_schema(layout, catalog, recreate=options.mode == "drop_create")
    plan.before_load[:0] = extension_statements(conn, layout)
    return layout, catalog, plan


def provision(
    url: str, dataset: DatasetInput, options: ProvisionOptions, hooks: JobHooks = NullHooks()
) -> dict[str, Any]:
    """Load the dataset into the target at `url` atomically; returns tables, row counts and smoke results."""
    with connect(url) as conn:
        try:
            conn.execute(sql.SQL("SET LOCAL lock_timeout = {}").format(sql.Literal(LOCK_TIMEOUT)))
            result = _run(conn, dataset, options, hooks)
        except psycopg.Error as exc:
            conn.rollback()
            raise describe_database_error(exc, "load the dataset") from None
        except BaseException:
            conn.rollback()
            raise
        conn.commit()
    return result


def _run(
    conn: psycopg.Connection, dataset: DatasetInput, options: ProvisionOptions, hooks: JobHooks
) -> dict[str, Any]:
    layout, catalog, plan = plan_provisioning(conn, dataset, options)
    existing = [t for t in layout.tables.values() if catalog.columns(t) is not None]
    for table in existing:  # a column that cannot be loaded fails here, before anything changes
        plan_wire(table.key, dataset.arrow_schemas[table.key], catalog.columns(table) or [])
    saved_keys = foreign_keys_touching(conn, existing)
    _step(conn, "drop foreign keys", reset.drop_foreign_keys, conn, saved_keys)
    order = load_order(layout.tables, layout.relationships)
    by_truncate = [layout.tables[k] for k in truncate_order(layout.tables, layout.relationships)]
    if options.mode == "truncate":
        _step(conn, "truncate tables", reset.truncate_tables, conn, [t for t in by_truncate if t in existing])
    elif options.mode == "drop_create":
        _step(conn, "drop tables", reset.drop_tables, conn, [t for t in by_truncate if t in existing])
    hooks.log(f"Reset ({options.mode}) done; creating {len(plan.create_tables)} table(s)", stage="reset_env")
    # Defaults and checks from the source name enums and domains unqualified; find them where they now live.
    search_path = dict.fromkeys([*(layout.schema_for(s) for s in layout.snapshot.schemas), "public"])
    conn.execute(
        sql.SQL("SET LOCAL search_path TO {}").format(sql.SQL(", ").join(map(sql.Identifier, search_path)))
    )
    for statement in plan.before_load:
        _step(conn, "create the dataset's tables", conn.execute, statement)
    catalog = read_catalog(conn, layout)
    loaded = {key: _load(conn, layout.tables[key], catalog, dataset, options, hooks) for key in order}
    for statement in plan.after_load + plan.foreign_keys:
        _step(conn, "create indexes and foreign keys", conn.execute, statement)
    dropped = {t.qualified for t in existing} if options.mode == "drop_create" else set()
    _step(
        conn,
        "recreate foreign keys",
        reset.recreate_foreign_keys,
        conn,
        [k for k in saved_keys if f"{k.schema}.{k.table}" not in dropped],
    )
    sequences = sum(
        advance_sequences(conn, layout.tables[k], catalog.columns(layout.tables[k]) or []) for k in order
    )
    hooks.log(
        f"Loaded {sum(loaded.values())} rows into {len(loaded)} table(s); {sequences} sequence(s) advanced",
        stage="load_data",
    )
    smoke = {"passed": True, "checks": []}
    if options.run_smoke_tests:
        smoke = run_smoke_tests(
            conn,
            layout,
            dataset.row_counts,
            exact_counts=options.mode in ("truncate", "drop_create"),
            smoke_queries=options.smoke_queries,
        )
        if not smoke["passed"]:
            failed = [c["name"] for c in smoke["checks"] if not c["passed"]]
            raise SmokeTestsFailed(
                f"Smoke tests failed ({', '.join(failed[:10])}); the load was rolled back.", smoke
            )
    return {
        "tables_loaded": order,
        "row_counts": loaded,
        "smoke_test_results": smoke,
        "tables_created": plan.create_tables,
        "target_tables": {k: layout.tables[k].qualified for k in order},
        "mode": options.mode,
        "sequences_advanced": sequences,
    }


def _load(
    conn: psycopg.Connection,
    table: TargetTable,
    catalog: TargetCatalog,
    dataset: DatasetInput,
    options: ProvisionOptions,
    hooks: JobHooks,
) -> int:
    columns = catalog.columns(table)
    if columns is None:
        raise LoadError(f"Table {table.qualified} is missing in the target after the schema was applied.")
    wire = plan_wire(table.key, dataset.arrow_schemas[table.key], columns)
    key = (table.info.identifying_columns() or None) if options.mode == "upsert" else None
    if options.mode == "upsert" and key is None:
        raise LoadError(f"Table {table.key} has no primary or unique key, so it cannot be upserted.")
    try:
        rows = load_table(conn, table, wire, dataset.read(table.key), upsert_key=key, hooks=hooks)
    except psycopg.Error as exc:
        raise describe_database_error(exc, f"load table {table.key}") from None
    hooks.log(f"Loaded {rows} rows into {table.qualified}", stage="load_data")
    return rows


def _step(conn: psycopg.Connection, action: str, fn: Callable[..., Any], *args: Any) -> None:
    try:
        fn(*args)
    except psycopg.Error as exc:
        raise describe_database_error(exc, action) from None
