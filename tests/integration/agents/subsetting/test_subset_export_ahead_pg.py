"""Tables final after the downstream phase are exported on a session of their own while the key
sets are completed: the same rows as one session gives, and a failure on either side ends the run
with its cause, every session closed and no thread left behind."""

from __future__ import annotations

import threading

import psycopg
import pytest

from tdm_agents.common.progress import RecordingHooks
from tdm_agents.subsetting import MemorySink, SubsetRequest, extract_subset, validate_request, verify_subset
from tdm_agents.subsetting.errors import SubsetExtractionError
from tdm_agents.subsetting.keysets import KeySetBuilder
from tdm_agents.subsetting.settings import SubsetSettings
from tests.integration.agents.subsetting.subset_source_db import discovered_source

pytestmark = pytest.mark.integration

# customers -> orders -> lines are final once the downstream phase ends; products, parents of
# lines, and regions, parents of customers, are found by the upstream phase.
DDL = """
CREATE TABLE regions (id int PRIMARY KEY);
CREATE TABLE customers (id int PRIMARY KEY, region_id int NOT NULL REFERENCES regions);
CREATE TABLE products (sku text PRIMARY KEY, price numeric(10, 2) NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL REFERENCES customers);
CREATE TABLE lines (order_id bigint NOT NULL REFERENCES orders, line int NOT NULL,
                    sku text NOT NULL REFERENCES products, PRIMARY KEY (order_id, line));
INSERT INTO regions SELECT r FROM generate_series(1, 5) r;
INSERT INTO customers SELECT c, 1 + c % 5 FROM generate_series(1, 300) c;
INSERT INTO products SELECT 'p' || p, p * 1.5 FROM generate_series(1, 80) p;
INSERT INTO orders SELECT o, 1 + (o * 7) % 300 FROM generate_series(1, 1500) o;
INSERT INTO lines SELECT o, l, 'p' || (1 + (o * l) % 80) FROM generate_series(1, 1500) o, generate_series(1, 3) l;
"""
AHEAD = "tdm-subset-export-ahead"


@pytest.fixture(scope="module")
def source(pg_server_url):
    yield from discovered_source(pg_server_url, "tdm_subset_ahead", DDL)


class _Sink(MemorySink):
    """Remembers which thread wrote each table; `fail_on` raises instead of writing that table."""

    def __init__(self, fail_on: str | None = None) -> None:
        super().__init__()
        self.threads: dict[str, str] = {}
        self.fail_on = fail_on

    def write_table(self, table, batches, schema):
        self.threads[table] = threading.current_thread().name
        if table == self.fail_on:
            next(iter(batches), None)
            raise OSError("the store refused the write")
        return super().write_table(table, batches, schema)

    __call__ = write_table


def _run(source, workers: int, sink: _Sink, hooks=None):
    url, snapshot = source
    resolved = validate_request(
        SubsetRequest(schema_version_id="sv", connection_string=url, root_table="customers", sampling_pct=25),
        snapshot,
    )
    return extract_subset(url, snapshot, resolved, sink, hooks, SubsetSettings(workers=workers))


def _sessions_left(url: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tdm-subset' AND datname = current_database()"
        ).fetchone()
    return row[0]


def test_final_tables_go_ahead_and_the_rows_are_those_of_one_session(source):
    hooks, ahead = RecordingHooks(), _Sink()
    result = _run(source, 2, ahead, hooks)
    one = _Sink()
    _run(source, 1, one)
    assert {t for t, name in ahead.threads.items() if name == AHEAD} == {"customers", "orders", "lines"}
    assert any("while the key sets are completed" in message for _, message, _ in hooks.logs)
    assert verify_subset(source[1], ahead.read_table, result.row_counts).intact
    for table in result.row_counts:
        assert (
            ahead.read_table(table)
            .sort_by(ahead.read_table(table).column_names[0])
            .equals(one.read_table(table).sort_by(one.read_table(table).column_names[0]))
        ), table


def test_a_failure_ahead_is_the_runs_error(source):
    with pytest.raises(OSError, match="refused the write"):
        _run(source, 2, _Sink(fail_on="lines"))
    assert not [t for t in threading.enumerate() if t.name == AHEAD]
    assert _sessions_left(source[0]) == 0


def test_a_failure_in_the_key_sets_stops_the_export_ahead(source, monkeypatch):
    def broken_upstream(self, sources=None):
        raise SubsetExtractionError("source database refused key sets (SQLSTATE 53100)")

    monkeypatch.setattr(KeySetBuilder, "_upstream", broken_upstream)
    sink = _Sink()
    with pytest.raises(SubsetExtractionError, match="53100"):
        _run(source, 2, sink)
    assert sink.threads, "the export ahead had started"
    assert not [t for t in threading.enumerate() if t.name == AHEAD]
    assert _sessions_left(source[0]) == 0
