"""Parallel export: several source sessions, one snapshot, the same rows as one session."""

from __future__ import annotations

import threading
import time
import uuid

import psycopg
import pyarrow as pa
import pyarrow.compute  # noqa: F401 - pa.compute
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

from tdm_agents.common.progress import RecordingHooks
from tdm_agents.schema_discovery.catalog import fetch_snapshot
from tdm_agents.subsetting import MemorySink, SubsetRequest, extract_subset, validate_request, verify_subset
from tdm_agents.subsetting.extractor import _worker_session
from tdm_agents.subsetting.settings import SubsetSettings
from tdm_agents.subsetting.source_session import SourceSession
from tdm_agents.subsetting.value_precheck import WholeTableCheck
from tests.integration.agents.subsetting.subset_source_db import create_source, describe

pytestmark = pytest.mark.integration

# Rows a concurrent writer adds, changes and removes: each would show up in a session that read
# the source after it instead of the key-set session's snapshot.
CONCURRENT_WRITES = """
INSERT INTO orders SELECT id, 9, now() FROM customers;
INSERT INTO order_items SELECT customer_id, 9, 1, 'SKU-1', 1 FROM orders WHERE order_no = 9;
UPDATE products SET title = 'changed';
UPDATE customers SET name = 'changed';
DELETE FROM order_items WHERE line = 2;
DELETE FROM loyalty_cards;
"""


class _ThreadSink(MemorySink):
    """A memory sink that remembers which thread wrote each table."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: dict[str, str] = {}

    def write_table(self, table, batches, schema):
        self.threads[table] = threading.current_thread().name
        return super().write_table(table, batches, schema)

    __call__ = write_table


class _WriteOnceHooks(RecordingHooks):
    """Commits CONCURRENT_WRITES on another connection at the first cancellation check (key sets)."""

    def __init__(self, url: str):
        super().__init__()
        self.url = url

    def check_cancelled(self) -> None:
        super().check_cancelled()
        if self.checks == 1:
            with psycopg.connect(self.url, autocommit=True) as conn:
                conn.execute(CONCURRENT_WRITES)


def _extract(url, snapshot, workers: int, hooks=None):
    resolved = validate_request(
        SubsetRequest(schema_version_id="sv", connection_string=url, root_table="customers"), snapshot
    )
    sink = _ThreadSink()
    result = extract_subset(url, snapshot, resolved, sink, hooks, SubsetSettings(workers=workers))
    return result, sink


def _rows(sink: MemorySink) -> dict[str, list]:
    return {t: sorted(map(repr, table.to_pylist())) for t, table in sink.tables.items()}


def test_writes_during_a_parallel_subset_are_not_seen_by_any_session(fresh_db_url):
    create_source(fresh_db_url)
    snapshot = describe(fresh_db_url)
    _, before = _extract(fresh_db_url, snapshot, workers=1)

    result, during = _extract(fresh_db_url, snapshot, workers=3, hooks=_WriteOnceHooks(fresh_db_url))

    assert len(set(during.threads.values())) > 1  # tables really were exported on several sessions
    assert _rows(during) == _rows(before)
    report = verify_subset(snapshot, during.read_table, result.row_counts)
    assert report.intact, report.orphans
    _, after = _extract(fresh_db_url, snapshot, workers=3)
    assert _rows(after) != _rows(before)  # the writes were real, and a later subset sees them


def test_one_worker_exports_on_the_key_set_session_alone(fresh_db_url):
    create_source(fresh_db_url)
    snapshot = describe(fresh_db_url)
    result, sink = _extract(fresh_db_url, snapshot, workers=1)
    assert len(set(sink.threads.values())) == 1
    assert verify_subset(snapshot, sink.read_table, result.row_counts).intact


@pytest.fixture
def no_snapshot_sharing_url(fresh_db_url):
    """The source, read by a login that may not share its snapshot (EXECUTE on pg_export_snapshot
    revoked), as on servers or roles that refuse it."""
    create_source(fresh_db_url)
    role = f"tdm_nosnap_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(fresh_db_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
        conn.execute(
            sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA public TO {}").format(sql.Identifier(role))
        )
        conn.execute("REVOKE EXECUTE ON FUNCTION pg_export_snapshot() FROM PUBLIC")
    yield make_url(fresh_db_url).set(username=role, password=None).render_as_string(hide_password=False)
    with psycopg.connect(fresh_db_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
        conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


def test_a_source_that_will_not_share_its_snapshot_is_exported_on_one_session(
    fresh_db_url, no_snapshot_sharing_url
):
    snapshot = describe(fresh_db_url)
    _, expected = _extract(fresh_db_url, snapshot, workers=1)
    hooks = RecordingHooks()

    result, sink = _extract(no_snapshot_sharing_url, snapshot, workers=3, hooks=hooks)

    assert len(set(sink.threads.values())) == 1
    assert _rows(sink) == _rows(expected)
    assert verify_subset(snapshot, sink.read_table, result.row_counts).intact
    warnings = [message for level, message, _ in hooks.logs if level == "warning"]
    assert any("snapshot export (SQLSTATE 42501)" in m and "one session" in m for m in warnings), warnings


def test_a_session_refused_the_snapshot_is_left_out(fresh_db_url):
    hooks = RecordingHooks()
    first = SourceSession(fresh_db_url)
    try:
        assert _worker_session(first, "00000003-0000001B-1", SubsetSettings(workers=2), hooks) is None
    finally:
        first.close()
    assert [level for level, message, _ in hooks.logs if "snapshot import" in message] == ["warning"]


def test_a_sibling_session_is_a_connection_of_its_own_that_outlives_the_first(fresh_db_url):
    first = SourceSession(fresh_db_url)
    first.begin()
    sibling = first.sibling()
    sibling.begin(snapshot_id=first.export_snapshot())
    assert sibling.backend_pid != first.backend_pid
    level = sibling.execute(sql.SQL("SELECT current_setting('transaction_isolation')"))
    assert level == [("repeatable read",)]
    first.close()
    assert sibling.execute(sql.SQL("SELECT 1")) == [(1,)]
    sibling.close()


def _discovered(url: str):
    """The schema as discovery reads it (with numeric precision, which the odd-value check needs)."""
    with psycopg.connect(url) as conn:
        return fetch_snapshot(conn, ["public"])


def _with_odd_values(url: str) -> None:
    """Customer 40 gets a NaN credit and an infinite signup; no other row holds such values."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE customers SET credit = 'NaN', signup = 'infinity' WHERE id = 40")


@pytest.mark.parametrize("workers", [1, 2])
def test_odd_values_outside_the_subset_keep_native_types(fresh_db_url, workers):
    create_source(fresh_db_url)
    _with_odd_values(fresh_db_url)
    snapshot = _discovered(fresh_db_url)
    resolved = validate_request(
        SubsetRequest(
            schema_version_id="sv",
            connection_string=fresh_db_url,
            root_table="customers",
            filters={"customers": [{"column": "id", "op": "<", "value": 10}]},
        ),
        snapshot,
    )
    sink = MemorySink()
    extract_subset(fresh_db_url, snapshot, resolved, sink, settings=SubsetSettings(workers=workers))
    customers = sink.read_table("customers")
    assert customers.schema.field("credit").type == pa.decimal128(10, 2)
    assert customers.schema.field("signup").type == pa.date32()


@pytest.mark.parametrize("workers", [1, 2])
def test_odd_values_inside_the_subset_travel_as_text(fresh_db_url, workers):
    create_source(fresh_db_url)
    _with_odd_values(fresh_db_url)
    snapshot = _discovered(fresh_db_url)
    result, sink = _extract(fresh_db_url, snapshot, workers=workers)
    customers = sink.read_table("customers")
    assert customers.schema.field("credit").type == pa.string()
    assert customers.schema.field("signup").type == pa.string()
    odd = customers.filter(pa.compute.equal(customers["id"], 40)).to_pylist()[0]
    assert (odd["credit"], odd["signup"]) == ("NaN", "infinity")
    assert verify_subset(snapshot, sink.read_table, result.row_counts).intact


def test_whole_table_check_stopped_midway_leaves_its_session_usable(fresh_db_url):
    create_source(fresh_db_url)
    with psycopg.connect(fresh_db_url, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO payments SELECT i, 1, 'USD', i FROM generate_series(100, 20000) i; ANALYZE payments"
        )
    snapshot = _discovered(fresh_db_url)
    resolved = validate_request(
        SubsetRequest(schema_version_id="sv", connection_string=fresh_db_url, root_table="customers"),
        snapshot,
    )
    session = SourceSession(fresh_db_url)
    # Another transaction holds the biggest table, so its check is certain to be under way (waiting
    # for the lock) when it is stopped, however fast the machine scans.
    with psycopg.connect(fresh_db_url) as holder:
        holder.execute("LOCK TABLE payments IN ACCESS EXCLUSIVE MODE")
        try:
            session.begin()
            check = WholeTableCheck(session, resolved)
            assert check._tables[-1] == "payments"  # the biggest table is checked last
            deadline = time.monotonic() + 30
            while not (check._running and len(check.flagged) == len(check._tables) - 1):
                assert time.monotonic() < deadline, "the big table's check never started"
                time.sleep(0.005)
            time.sleep(0.2)  # the statement is at the server, waiting
            flagged = check.stop()
            assert "payments" not in flagged  # cancelled: it gets the exact check instead
            assert all(columns == frozenset() for columns in flagged.values())
            assert session.execute(sql.SQL("SELECT count(*) FROM customers"))[0][0] == 40
        finally:
            holder.rollback()
            session.close()
