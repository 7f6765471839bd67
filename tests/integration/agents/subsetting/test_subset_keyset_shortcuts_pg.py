"""Key-set shortcuts keep the subset whole: skipped passes are exactly the ones that cannot add rows.

The first upstream round skips the relationship every row of a child table came in by (downstream,
from a parent already included); a table reached through two relationships, or seeded itself, is
still looked up along each of them.
"""

from __future__ import annotations

import psycopg
import pytest

from tdm_agents.subsetting import MemorySink, SubsetRequest, extract_subset, validate_request, verify_subset
from tdm_agents.subsetting.source_session import SourceSession
from tests.integration.agents.subsetting.subset_source_db import discovered_source

pytestmark = pytest.mark.integration

DDL = """
CREATE TABLE stores (id int PRIMARY KEY);
CREATE TABLE customers (id int PRIMARY KEY, store_id int NOT NULL REFERENCES stores);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customers,
                     store_id int NOT NULL REFERENCES stores);
CREATE INDEX ON orders (customer_id);
CREATE TABLE transfers (id int PRIMARY KEY, from_id int NOT NULL REFERENCES customers,
                        to_id int NOT NULL REFERENCES customers);
CREATE INDEX ON transfers (from_id);
CREATE INDEX ON transfers (to_id);
INSERT INTO stores SELECT s FROM generate_series(1, 50) s;
INSERT INTO customers SELECT c, 1 + c % 20 FROM generate_series(1, 400) c;
INSERT INTO orders SELECT o, 1 + (o * 7) % 400, 21 + o % 30 FROM generate_series(1, 2000) o;
INSERT INTO transfers SELECT t, 1 + (t * 13) % 400, 1 + (t * 31) % 400 FROM generate_series(1, 600) t;
"""


@pytest.fixture(scope="module")
def source(pg_server_url):
    yield from discovered_source(pg_server_url, "tdm_subset_short", DDL)


def _run(source, monkeypatch, **request):
    url, snapshot = source
    statements: list[str] = []
    original = SourceSession.execute

    def recording(self, query, params=(), stage="key sets"):
        statements.append(query.as_string(None))
        return original(self, query, params, stage)

    monkeypatch.setattr(SourceSession, "execute", recording)
    resolved = validate_request(
        SubsetRequest(schema_version_id="sv", connection_string=url, root_table="customers", **request),
        snapshot,
    )
    sink = MemorySink()
    result = extract_subset(url, snapshot, resolved, sink)
    report = verify_subset(snapshot, sink.read_table, result.row_counts)
    assert report.intact, report.orphans
    return sink, statements


def _closure(url: str, pct_where: str) -> dict[str, set[int]]:
    """The expected closure, by hand: sampled customers, their orders and transfers, every parent."""
    with psycopg.connect(url) as conn:
        sampled = {r[0] for r in conn.execute(f"SELECT id FROM customers c WHERE {pct_where}")}
        orders = {
            r[0] for r in conn.execute("SELECT id FROM orders WHERE customer_id = ANY(%s)", [list(sampled)])
        }
        transfers = conn.execute(
            "SELECT id, from_id, to_id FROM transfers WHERE from_id = ANY(%s) OR to_id = ANY(%s)",
            [list(sampled), list(sampled)],
        ).fetchall()
        customers = sampled | {t[1] for t in transfers} | {t[2] for t in transfers}
        stores = {
            r[0] for r in conn.execute("SELECT store_id FROM customers WHERE id = ANY(%s)", [list(customers)])
        }
        stores |= {
            r[0] for r in conn.execute("SELECT store_id FROM orders WHERE id = ANY(%s)", [list(orders)])
        }
    return {
        "customers": customers,
        "orders": orders,
        "transfers": {t[0] for t in transfers},
        "stores": stores,
    }


def _ids(sink: MemorySink, table: str) -> set[int]:
    return set(sink.read_table(table).column("id").to_pylist())


def test_the_subset_is_the_hand_computed_closure(source, monkeypatch):
    sink, _ = _run(source, monkeypatch, sampling_pct=10, seed=7)
    where = "((hashtextextended(ROW(c.id)::text, 7) & 9223372036854775807) % 10000) < 1000"
    expected = _closure(source[0], where)
    for table, ids in expected.items():
        assert _ids(sink, table) == ids, table


def test_parents_along_the_way_in_are_not_looked_up_again_but_other_parents_are(source, monkeypatch):
    _, statements = _run(source, monkeypatch, sampling_pct=10, seed=7)
    parents_of_customers = [s for s in statements if 'FROM "public"."customers" p WHERE EXISTS' in s]
    # orders came in from customers only: their customers are in and are not looked up again...
    assert not any('"p"."id" = "d"."customer_id"' in s for s in parents_of_customers)
    # ...but their stores, which they did not come in by, are.
    assert any('SELECT DISTINCT "d"."store_id" AS "id" FROM "_tdm_k1"' in s for s in statements)
    # transfers came in through two relationships: both are followed back to customers.
    assert any('"p"."id" = "d"."from_id"' in s for s in parents_of_customers)
    assert any('"p"."id" = "d"."to_id"' in s for s in parents_of_customers)
