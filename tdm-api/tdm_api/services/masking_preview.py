"""Rows for the rule builder's preview: a few sample rows (or the caller's rows), masked by the engine.

The preview never writes anything: tokens are computed but kept in memory, not put in the vault.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import uuid
from typing import Any

import psycopg
import pyarrow as pa
from sqlalchemy.orm import Session

from tdm_agents.common.source_db import SourceUrlError, connect_readonly
from tdm_agents.masking import (
    InMemoryTokenSink,
    MaskContext,
    MaskingError,
    MaskingKeyring,
    ResolvedRule,
    preview,
)
from tdm_api.dependencies import secret_box
from tdm_api.errors import Invalid, Unavailable
from tdm_api.runtime import ApiRuntime
from tdm_dataset_store import DatasetNotFound, DatasetStore
from tdm_metadata_store.repositories.connections import ConnectionRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository
from tdm_metadata_store.snapshot import TableInfo


def sample_rows(store: DatasetStore, version_id: uuid.UUID, table: str, limit: int) -> pa.Table:
    """The first `limit` rows of a stored table (one small batch; the file is not read further)."""
    try:
        batches = store.read_table(version_id, table, batch_size=limit)
    except DatasetNotFound:
        raise Invalid(f"The dataset version has no table {table[:200]!r}.", field="table") from None
    first = next(batches, None)
    batches.close()
    schema = store.table_schema(version_id, table)
    return pa.Table.from_batches([first] if first is not None else [], schema=schema)


def source_rows(url: str, schema_name: str, table: str, limit: int) -> pa.Table:
    """A few rows read straight from the source (read-only, short timeout): the preview's sample
    when no dataset version exists yet."""
    from psycopg import sql

    try:
        conn = connect_readonly(
            url, connect_timeout_s=5, statement_timeout_ms=10_000, application_name="tdm-mask-preview"
        )
    except SourceUrlError as exc:
        raise Invalid(
            f"The schema's source connection cannot be used: {exc}", field="schema_version_id"
        ) from None
    with conn:
        cursor = conn.execute(
            sql.SQL("SELECT * FROM {}.{} LIMIT %s").format(
                sql.Identifier(schema_name), sql.Identifier(table)
            ),
            (limit,),
        )
        names = [d.name for d in cursor.description or []]
        records = cursor.fetchall()
    columns = {n: [_plain(r[i]) for r in records] for i, n in enumerate(names)}
    return pa.table(columns) if names else pa.table({})


def _plain(value: Any) -> Any:
    """Values Arrow cannot infer (inet, intervals, ranges) as text."""
    if value is None or isinstance(value, str | int | float | bool | bytes):
        return value
    import datetime as dt
    import decimal

    if isinstance(value, dt.date | dt.datetime | dt.time | decimal.Decimal | list | dict):
        return value
    return str(value)


def rows_table(rows: list[dict[str, Any]], schema: pa.Schema | None) -> pa.Table:
    """The caller's rows as Arrow, typed like the stored table when there is one; 422 when they do not fit."""
    try:
        if schema is None:
            return pa.Table.from_pylist(rows)
        present = [f for f in schema if any(f.name in row for row in rows)]
        return pa.Table.from_pylist(rows, schema=pa.schema(present))
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError):
        raise Invalid("The rows do not fit the table's column types.", field="rows") from None


def masked_preview(
    rows: pa.Table, rules: list[ResolvedRule], keyring: MaskingKeyring, table: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(before, after) as JSON-ready rows."""
    ctx = MaskContext(keyring=keyring, token_sink=InMemoryTokenSink())
    try:
        before, after = preview(rows, rules, ctx, table=table)
    except pa.ArrowException:
        # Arrow's messages may quote values: say what failed, not with what.
        raise Invalid("A rule could not run on these rows' values or types.", field="rows") from None
    except (MaskingError, ValueError) as exc:
        # The rows are the caller's (or a sample): a rule that cannot run on them is bad input.
        raise Invalid(str(exc)[:500], field="rows") from None
    return _json_rows(before), _json_rows(after)


def _json_rows(data: pa.Table) -> list[dict[str, Any]]:
    return [{name: _json_value(value) for name, value in row.items()} for row in data.to_pylist()]


def _json_value(value: Any) -> Any:
    # Arrow hands back dates, decimals and bytes; JSON has none of them.
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    return value


def source_sample(
    session: Session, runtime: ApiRuntime, schema_version_id: uuid.UUID | None, table: TableInfo, limit: int
) -> pa.Table:
    """Rows from the schema's source database, for previews before any dataset exists."""
    repo = SchemaRepository(session)
    version = repo.get_version(schema_version_id) if schema_version_id else None
    schema = repo.get_schema(version.schema_id) if version else None
    if schema is None or schema.source_connection_id is None:
        raise Invalid(
            "Give rows, or a dataset_version_id, or a schema version whose source connection exists.",
            field="rows",
        )
    url = ConnectionRepository(session).get_url(schema.source_connection_id, secret_box(runtime))
    try:
        return source_rows(url, table.schema_name, table.name, limit)
    except psycopg.Error as exc:
        raise Unavailable(
            "The source database did not answer; give rows or a dataset_version_id instead.",
            field="schema_version_id",
        ) from exc
