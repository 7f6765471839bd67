"""One provisioning transaction, opened, loaded table by table and finished: the steps of a run.

`open_session` connects, plans and resets (drop foreign keys, truncate or drop, create the tables);
`load` streams one table's batches in by binary COPY, in any order (foreign keys come after the
load); `finish` builds keys, indexes and foreign keys, advances sequences and runs the smoke tests;
`commit` ends it. Leaving the `with` block without `commit` rolls everything back, so a failure at
any step leaves the target exactly as it was (DDL is transactional in PostgreSQL).

Both `provision.provision` (tables read from a stored dataset version) and direct delivery
(tables streamed from a subset as it is extracted) drive a run through this class.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pyarrow as pa
from psycopg import sql

from tdm_agents.common.progress import JobHooks, NullHooks
from tdm_agents.provisioning import reset
from tdm_agents.provisioning.catalog import TargetCatalog, foreign_keys_touching, read_catalog
from tdm_agents.provisioning.ddl import SchemaPlan, analyze_join_columns, plan_schema
from tdm_agents.provisioning.errors import LoadError, ProvisioningError, SmokeTestsFailed
from tdm_agents.provisioning.extensions import extension_statements
from tdm_agents.provisioning.layout import TargetLayout
from tdm_agents.provisioning.loader import TableLoad, advance_sequences
from tdm_agents.provisioning.options import ProvisionOptions
from tdm_agents.provisioning.order import load_order, truncate_order
from tdm_agents.provisioning.smoke import run_smoke_tests
from tdm_agents.provisioning.target import connect, describe_database_error
from tdm_agents.provisioning.wire import plan_wire
from tdm_metadata_store.snapshot import SchemaSnapshot

LOCK_TIMEOUT = "30s"
# Index and key builds after the load sort whole tables: more memory means fewer merge passes.
INDEX_BUILD_MEMORY = "256MB"


def plan_target(
    conn: psycopg.Connection, snapshot: SchemaSnapshot, tables: list[str], options: ProvisionOptions
) -> tuple[TargetLayout, TargetCatalog, SchemaPlan]:
    """Map the tables, read the target and plan the DDL; raises SchemaConflictError before any change."""
    if options.mode not in reset.RESET_MODES:
        raise ProvisioningError(f"Unknown mode; use one of {', '.join(reset.RESET_MODES)}.")
    layout = TargetLayout(snapshot, tables, options.target_schema)
    catalog = read_catalog(conn, layout)
    plan = plan_schema(
        layout, catalog, recreate=options.mode == "drop_create", keys_after_load=options.mode != "upsert"
    )
    plan.before_load[:0] = extension_statements(conn, layout)
    return layout, catalog, plan


@contextmanager
def open_session(
    url: str,
    snapshot: SchemaSnapshot,
    tables: list[str],
    options: ProvisionOptions,
    hooks: JobHooks = NullHooks(),
    arrow_schemas: dict[str, pa.Schema] | None = None,
) -> Iterator[ProvisionSession]:
    """A prepared session on the target at `url`; rolled back unless `commit()` was called in the block.

    `arrow_schemas`, when known up front, lets a column that cannot be loaded into an existing
    table fail before anything changes (otherwise it fails at that table's `load`, rolled back).
    """
    with connect(url) as conn:
        try:
            _execute(conn, "set the lock timeout", _setting("lock_timeout", LOCK_TIMEOUT))
            session = ProvisionSession(conn, snapshot, tables, options, hooks)
            session.prepare(arrow_schemas or {})
            yield session
        except psycopg.Error as exc:
            conn.rollback()
            raise describe_database_error(exc, "load the dataset") from None
        except BaseException:
            conn.rollback()
            raise
        if not session.committed:
            conn.rollback()


class ProvisionSession:
    """The steps of one run on an open target transaction (see the module docstring)."""

    def __init__(
        self,
        conn: psycopg.Connection,
        snapshot: SchemaSnapshot,
        tables: list[str],
        options: ProvisionOptions,
        hooks: JobHooks,
    ) -> None:
        self.conn, self.options, self.hooks = conn, options, hooks
        self.layout, self._catalog, self._plan = _guarded(
            "plan the load", plan_target, conn, snapshot, tables, options
        )
        self.order = load_order(self.layout.tables, self.layout.relationships)
        self.loaded: dict[str, int] = {}
        self.committed = False
        self._existing = [t for t in self.layout.tables.values() if self._catalog.columns(t) is not None]
        self._saved_keys: list = []
        self._keyed: set[str] = set()  # loaded tables whose keys and indexes are built
        self._linked: set[int] = set()  # foreign keys (indexes into the plan's) added

    def prepare(self, arrow_schemas: dict[str, pa.Schema]) -> None:
        """Check what can be checked, then reset and create the tables (nothing loaded yet)."""
        conn, layout, mode = self.conn, self.layout, self.options.mode
        for table in self._existing:  # a column that cannot be loaded fails here, before anything changes
            if table.key in arrow_schemas:
                plan_wire(table.key, arrow_schemas[table.key], self._catalog.columns(table) or [])
        self._saved_keys = _guarded("read foreign keys", foreign_keys_touching, conn, self._existing)
        _guarded("drop foreign keys", reset.drop_foreign_keys, conn, self._saved_keys)
        by_truncate = [layout.tables[k] for k in truncate_order(layout.tables, layout.relationships)]
        existing = [t for t in by_truncate if t in self._existing]
        if mode == "truncate":
            _guarded("truncate tables", reset.truncate_tables, conn, existing)
        elif mode == "drop_create":
            _guarded("drop tables", reset.drop_tables, conn, existing)
        self.hooks.log(
            f"Reset ({mode}) done; creating {len(self._plan.create_tables)} table(s)", stage="reset_env"
        )
        # Defaults and checks from the source name enums and domains unqualified; find them where they now live.
        search_path = dict.fromkeys([*(layout.schema_for(s) for s in layout.snapshot.schemas), "public"])
        path = sql.SQL(", ").join(map(sql.Identifier, search_path))
        _execute(conn, "set the search path", sql.SQL("SET LOCAL search_path TO {}").format(path))
        for statement in self._plan.before_load:
            _execute(conn, "create the dataset's tables", statement)
        self._catalog = _guarded("read the target's tables", read_catalog, conn, layout)

    def load(self, key: str, arrow_schema: pa.Schema, batches: Iterable[pa.RecordBatch]) -> int:
        """Stream one table's batches into its target table; returns the rows sent."""
        with self.loading(key, arrow_schema) as load:
            for batch in batches:
                load.write(batch)
        return load.rows

    @contextmanager
    def loading(self, key: str, arrow_schema: pa.Schema) -> Iterator[TableLoad]:
        """One table's COPY, fed batch by batch with `write`; complete when the block ends."""
        if key in self.loaded:
            raise LoadError(f"Table {key} was loaded twice in one provisioning run.")
        table = self.layout.tables[key]
        columns = self._catalog.columns(table)
        if columns is None:
            raise LoadError(f"Table {table.qualified} is missing in the target after the schema was applied.")
        wire = plan_wire(key, arrow_schema, columns)
        upsert_key = None
        if self.options.mode == "upsert":
            upsert_key = table.info.identifying_columns() or None
            if upsert_key is None:
                raise LoadError(f"Table {key} has no primary or unique key, so it cannot be upserted.")
        try:
            with TableLoad(self.conn, table, wire, upsert_key=upsert_key, hooks=self.hooks) as load:
                yield load
        except psycopg.Error as exc:
            raise describe_database_error(exc, f"load table {table.qualified}") from None
        self.loaded[key] = load.rows
        self.hooks.log(f"Loaded {load.rows} rows into {table.qualified}", stage="load_data")

    def finish(self, row_counts: dict[str, int]) -> dict[str, Any]:
        """Keys, indexes, foreign keys, sequences and smoke tests; returns the run's result."""
        conn, layout, options = self.conn, self.layout, self.options
        missing = [k for k in self.order if k not in self.loaded]
        if missing:
            raise LoadError(
                f"Table(s) {', '.join(missing[:10])} were never loaded; the load was rolled back."
            )
        self.build_keys()
        for index, step in enumerate(self._plan.foreign_keys):
            if index not in self._linked:  # a parent outside the dataset: already keyed in the target
                _execute(conn, "create foreign keys", step.statement)
        dropped = {t.qualified for t in self._existing} if options.mode == "drop_create" else set()
        kept = [k for k in self._saved_keys if f"{k.schema}.{k.table}" not in dropped]
        _guarded("recreate foreign keys", reset.recreate_foreign_keys, conn, kept)
        sequences = sum(
            _guarded("advance sequences", advance_sequences, conn, t, self._catalog.columns(t) or [])
            for t in (layout.tables[k] for k in self.order)
        )
        self.hooks.log(
            f"Loaded {sum(self.loaded.values())} rows into {len(self.loaded)} table(s); "
            f"{sequences} sequence(s) advanced",
            stage="load_data",
        )
        smoke = self._smoke(row_counts)
        return {
            "tables_loaded": self.order,
            "row_counts": {k: self.loaded[k] for k in self.order},
            "smoke_test_results": smoke,
            "tables_created": self._plan.create_tables,
            "target_tables": {k: layout.tables[k].qualified for k in self.order},
            "mode": options.mode,
            "sequences_advanced": sequences,
        }

    def build_keys(self, until: Callable[[], bool] | None = None) -> None:
        """Keys and indexes of the loaded tables not keyed yet, then the foreign keys between keyed
        tables not added yet. `finish` calls it; calling it earlier, while the target would
        otherwise wait for the next table, takes that work off the end of the run. With `until`,
        it stops between two tables' keys or two foreign keys once `until()` is true (the rest
        is built by a later call)."""
        conn = self.conn
        ready = [k for k in self.order if k in self.loaded and k not in self._keyed]
        if ready and not self._keyed:
            _execute(conn, "set the index build memory", _setting("maintenance_work_mem", INDEX_BUILD_MEMORY))
        stop = until or (lambda: False)
        for key in ready:
            if stop():
                return
            for statement in self._plan.after_load.get(key, []):
                _execute(conn, "create keys and indexes", statement)
            # Fresh tables have no statistics: without them the planner can pick a plan for a foreign
            # key's validation that is an order of magnitude slower (TPC-H SF3 lineitem: 12 s vs 1 s).
            analyze = analyze_join_columns(self.layout, [key]) if self.loaded[key] else None
            if analyze is not None:
                _execute(conn, "analyze the loaded tables' key columns", analyze)
            self._keyed.add(key)
        for index, step in enumerate(self._plan.foreign_keys):
            if index not in self._linked and step.child in self._keyed and step.parent in self._keyed:
                if stop():
                    return
                _execute(conn, "create foreign keys", step.statement)
                self._linked.add(index)

    def _smoke(self, row_counts: dict[str, int]) -> dict[str, Any]:
        if not self.options.run_smoke_tests:
            return {"passed": True, "checks": []}
        smoke = _guarded(
            "run the smoke tests",
            run_smoke_tests,
            self.conn,
            self.layout,
            row_counts,
            exact_counts=self.options.mode in ("truncate", "drop_create"),
            smoke_queries=self.options.smoke_queries,
        )
        if not smoke["passed"]:
            failed = [c["name"] for c in smoke["checks"] if not c["passed"]]
            raise SmokeTestsFailed(
                f"Smoke tests failed ({', '.join(failed[:10])}); the load was rolled back.", smoke
            )
        return smoke

    def commit(self) -> None:
        """Make the run visible; until now the target is unchanged for everyone else."""
        _guarded("commit the load", self.conn.commit)
        self.committed = True


def _guarded(action: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    try:
        return fn(*args, **kwargs)
    except psycopg.Error as exc:
        raise describe_database_error(exc, action) from None


def _setting(name: str, value: str) -> sql.Composable:
    return sql.SQL("SET LOCAL {} = {}").format(sql.SQL(name), sql.Literal(value))


def _execute(conn: psycopg.Connection, action: str, statement: sql.Composable) -> None:
    _guarded(action, conn.execute, statement)
