"""The parents of a table read through its parent's key set are found from the references its
export ahead gathered (no second pass over it): the same rows as the SQL path, which a table with
too many distinct references falls back to, and a failure of that export while the key-set
session waits for it ends the run with its cause."""

from __future__ import annotations

import threading

import psycopg
import pytest

from tdm_agents.subsetting import MemorySink, SubsetRequest, extract_subset, validate_request, verify_subset
from tdm_agents.subsetting import references as gathering
from tdm_agents.subsetting.settings import SubsetSettings
from tests.integration.agents.subsetting.subset_source_db import discovered_source

pytestmark = pytest.mark.integration

# As TPC-H: lines (read through orders) reference partsupp, whose parents are parts and suppliers.
# Some lines reference no supplier (NULL): MATCH SIMPLE ignores them, and so must the subset.
DDL = """
CREATE TABLE parts (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE suppliers (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE partsupp (part_id int REFERENCES parts, supp_id int REFERENCES suppliers,
                       cost numeric NOT NULL, PRIMARY KEY (part_id, supp_id));
CREATE TABLE customers (id int PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL REFERENCES customers);
CREATE TABLE lines (order_id bigint NOT NULL REFERENCES orders, line int NOT NULL,
                    part_id int, supp_id int, PRIMARY KEY (order_id, line),
                    FOREIGN KEY (part_id, supp_id) REFERENCES partsupp);
INSERT INTO parts SELECT p, 'part ' || p FROM generate_series(1, 400) p;
INSERT INTO suppliers SELECT s, 'supplier ' || s FROM generate_series(1, 20) s;
INSERT INTO partsupp SELECT p, s, p * s / 7.0 FROM generate_series(1, 400) p, generate_series(1, 20) s
  WHERE (p + s) % 4 = 0;
INSERT INTO customers SELECT c FROM generate_series(1, 300) c;
INSERT INTO orders SELECT o, 1 + (o * 7) % 300 FROM generate_series(1, 3000) o;
INSERT INTO lines SELECT o, l, ps.part_id, CASE WHEN o % 11 = 0 THEN NULL ELSE ps.supp_id END
  FROM generate_series(1, 3000) o, generate_series(1, 4) l,
  LATERAL (SELECT part_id, supp_id FROM partsupp OFFSET (o * 13 + l * 7) % 4000 LIMIT 1) ps;
ANALYZE;
"""
# Lines reference promotions by a unique code that is not their key: the gathered codes go into a
# TEMP table and the promotions are looked up from there (a parent cannot be keyed by them directly).
DDL_BY_CODE = """
CREATE TABLE promotions (id int PRIMARY KEY, code bigint NOT NULL UNIQUE);
CREATE TABLE customers (id int PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL REFERENCES customers);
CREATE TABLE lines (order_id bigint NOT NULL REFERENCES orders, line int NOT NULL,
                    promo_code int REFERENCES promotions (code), PRIMARY KEY (order_id, line));
INSERT INTO promotions SELECT p, 1000 + p * 3 FROM generate_series(1, 50) p;
INSERT INTO customers SELECT c FROM generate_series(1, 300) c;
INSERT INTO orders SELECT o, 1 + (o * 7) % 300 FROM generate_series(1, 3000) o;
INSERT INTO lines SELECT o, l, CASE WHEN l = 2 THEN 1000 + (1 + o % 50) * 3 END
  FROM generate_series(1, 3000) o, generate_series(1, 4) l;
ANALYZE;
"""
AHEAD = "tdm-subset-export-ahead"


@pytest.fixture(scope="module")
def source(pg_server_url):
    yield from discovered_source(pg_server_url, "tdm_subset_gathered", DDL)


@pytest.fixture(scope="module")
def source_by_code(pg_server_url):
    yield from discovered_source(pg_server_url, "tdm_subset_gathered_code", DDL_BY_CODE)


@pytest.fixture
def gathered(monkeypatch) -> list[bool]:
    """Whether each wait for gathered references got them (True) or went to SQL (False)."""
    outcomes: list[bool] = []
    wait = gathering.ReferenceCollector.wait

    def recorded(self, stop):
        found = wait(self, stop)
        outcomes.append(found is not None)
        return found

    monkeypatch.setattr(gathering.ReferenceCollector, "wait", recorded)
    return outcomes


class _Sink(MemorySink):
    def __init__(self, fail_on: str | None = None) -> None:
        super().__init__()
        self.fail_on = fail_on

    def write_table(self, table, batches, schema):
        if table == self.fail_on:
            next(iter(batches), None)
            raise OSError("the store refused the write")
        return super().write_table(table, batches, schema)

    __call__ = write_table


def _run(source, workers: int, sink: MemorySink):
    url, snapshot = source
    request = SubsetRequest(
        schema_version_id="sv", connection_string=url, root_table="customers", sampling_pct=30, seed=3
    )
    return extract_subset(
        url, snapshot, validate_request(request, snapshot), sink, settings=SubsetSettings(workers=workers)
    )


def _rows(sink: MemorySink, table: str) -> list[tuple]:
    return sorted(zip(*(c.to_pylist() for c in sink.read_table(table).columns), strict=True))


def _source_rows(url: str, table: str) -> int:
    """Rows of `table` in the whole source."""
    with psycopg.connect(url) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _same_rows(ahead: MemorySink, one: MemorySink, tables) -> None:
    for table in tables:
        assert _rows(ahead, table) == _rows(one, table), table


def test_parents_found_from_the_gathered_references_are_those_sql_finds(source, gathered):
    ahead, one = MemorySink(), MemorySink()
    result = _run(source, 2, ahead)
    assert gathered == [True], "the key-set session took the lines' references from their export"
    _run(source, 1, one)
    assert gathered == [True], "one session exports nothing ahead: SQL finds the parents"
    _same_rows(ahead, one, result.row_counts)
    assert verify_subset(source[1], ahead.read_table, result.row_counts).intact
    lines = ahead.read_table("lines").to_pylist()
    expected = {(r["part_id"], r["supp_id"]) for r in lines if r["supp_id"] is not None}
    partsupp = {(r["part_id"], r["supp_id"]) for r in ahead.read_table("partsupp").to_pylist()}
    assert partsupp == expected  # exactly the referenced pairs, none for a NULL supplier
    assert {r["id"] for r in ahead.read_table("parts").to_pylist()} == {p for p, _ in partsupp}
    assert result.row_counts["partsupp"] < _source_rows(source[0], "partsupp")


def test_too_many_distinct_references_fall_back_to_sql(source, gathered, monkeypatch):
    monkeypatch.setattr(gathering, "MAX_DISTINCT", 10)
    monkeypatch.setattr(gathering, "_COMPACT_ROWS", 5)
    ahead, one = MemorySink(), MemorySink()
    result = _run(source, 2, ahead)
    assert gathered == [False]
    _run(source, 1, one)
    _same_rows(ahead, one, result.row_counts)


def test_a_failed_export_of_the_gathered_table_is_the_runs_error(source, gathered):
    with pytest.raises(OSError, match="refused the write"):
        _run(source, 2, _Sink(fail_on="lines"))
    assert not [t for t in threading.enumerate() if t.name == AHEAD]


def test_parents_referenced_by_another_unique_key_are_looked_up_from_the_gathered_codes(
    source_by_code, gathered
):
    ahead, one = MemorySink(), MemorySink()
    result = _run(source_by_code, 2, ahead)
    assert gathered == [True]
    _run(source_by_code, 1, one)
    _same_rows(ahead, one, result.row_counts)
    codes = {r["promo_code"] for r in ahead.read_table("lines").to_pylist() if r["promo_code"] is not None}
    assert codes and {r["code"] for r in ahead.read_table("promotions").to_pylist()} == codes
