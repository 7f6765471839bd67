"""One provisioning run of a stored dataset: reset, schema, load, keys, sequences and smoke tests in
ONE target transaction (see `session`).

Either everything commits, or the transaction is rolled back and the target is exactly as it was
(DDL is transactional in PostgreSQL, so created schemas, types and tables vanish too).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import psycopg
import pyarrow as pa

from tdm_agents.common.progress import JobHooks, NullHooks
from tdm_agents.common.read_ahead import read_ahead
from tdm_agents.provisioning.catalog import TargetCatalog
from tdm_agents.provisioning.ddl import SchemaPlan
from tdm_agents.provisioning.layout import TargetLayout
from tdm_agents.provisioning.options import ProvisionOptions
from tdm_agents.provisioning.session import open_session, plan_target
from tdm_metadata_store.snapshot import SchemaSnapshot

__all__ = ["BatchReader", "DatasetInput", "ProvisionOptions", "plan_provisioning", "provision"]

BatchReader = Callable[[str], Iterable[pa.RecordBatch]]


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
    return plan_target(conn, dataset.snapshot, list(dataset.row_counts), options)


def provision(
    url: str, dataset: DatasetInput, options: ProvisionOptions, hooks: JobHooks = NullHooks()
) -> dict[str, Any]:
    """Load the dataset into the target at `url` atomically; returns tables, row counts and smoke results."""
    tables = list(dataset.row_counts)
    with open_session(url, dataset.snapshot, tables, options, hooks, dataset.arrow_schemas) as session:
        for key in session.order:
            # The next batches are read while the current one is sent.
            session.load(key, dataset.arrow_schemas[key], read_ahead(dataset.read(key)))
        result = session.finish(dataset.row_counts)
        session.commit()
    return result
