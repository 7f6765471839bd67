"""Upstream rounds that start from an empty key set read that key set itself in the next round.

A parent whose key set is still empty when a round starts holds exactly that round's rows at its
end, so no delta is written for it (on TPC-H: 420k partsupp keys, written once instead of twice).
The subset must still be the whole closure, through a chain of parents and a self-referencing
hierarchy that takes several further rounds.
"""

from __future__ import annotations

import psycopg
import pytest

from tdm_agents.subsetting import MemorySink, SubsetRequest, extract_subset, validate_request, verify_subset
from tdm_agents.subsetting.keysets import KeySetBuilder
from tests.integration.agents.subsetting.subset_source_db import discovered_source

pytestmark = pytest.mark.integration

# categories form a tree five levels deep; each product sits in a leaf-ish category.
DDL = """
CREATE TABLE categories (id int PRIMARY KEY, parent_id int REFERENCES categories);
CREATE TABLE products (sku text PRIMARY KEY, category_id int NOT NULL REFERENCES categories);
CREATE TABLE orders (id int PRIMARY KEY);
CREATE TABLE lines (order_id int NOT NULL REFERENCES orders, line int NOT NULL,
                    sku text NOT NULL REFERENCES products, PRIMARY KEY (order_id, line));
INSERT INTO categories SELECT c, CASE WHEN c > 1 THEN c / 2 END FROM generate_series(1, 31) c;
INSERT INTO products SELECT 'p' || p, 16 + p % 16 FROM generate_series(1, 200) p;
INSERT INTO orders SELECT o FROM generate_series(1, 400) o;
INSERT INTO lines SELECT o, l, 'p' || (1 + (o * 7 + l * 13) % 200)
    FROM generate_series(1, 400) o, generate_series(1, 1 + o % 3) l;
"""
SAMPLE = "((hashtextextended(ROW(o.id)::text, 5) & 9223372036854775807) % 10000) < 1500"


@pytest.fixture(scope="module")
def source(pg_server_url):
    yield from discovered_source(pg_server_url, "tdm_subset_rounds", DDL)


def _closure(url: str) -> dict[str, set]:
    """Sampled orders, their lines, the lines' products and every ancestor of their categories."""
    with psycopg.connect(url) as conn:
        orders = {r[0] for r in conn.execute(f"SELECT id FROM orders o WHERE {SAMPLE}")}
        skus = {r[0] for r in conn.execute("SELECT sku FROM lines WHERE order_id = ANY(%s)", [list(orders)])}
        parents = dict(conn.execute("SELECT id, parent_id FROM categories").fetchall())
        categories = {
            r[0] for r in conn.execute("SELECT category_id FROM products WHERE sku = ANY(%s)", [list(skus)])
        }
    frontier = set(categories)
    while frontier:
        frontier = {parents[c] for c in frontier if parents[c] is not None} - categories
        categories |= frontier
    return {"orders": orders, "products": skus, "categories": categories}


def test_parents_found_from_empty_key_sets_close_over_every_round(source, monkeypatch):
    url, snapshot = source
    deltas: list[tuple[str, bool]] = []
    original = KeySetBuilder._insert

    def recorded(self, table, candidates, params, capped=True, delta=True):
        deltas.append((table, delta))
        return original(self, table, candidates, params, capped=capped, delta=delta)

    monkeypatch.setattr(KeySetBuilder, "_insert", recorded)
    resolved = validate_request(
        SubsetRequest(
            schema_version_id="sv", connection_string=url, root_table="orders", sampling_pct=15, seed=5
        ),
        snapshot,
    )
    sink = MemorySink()
    result = extract_subset(url, snapshot, resolved, sink)
    assert verify_subset(snapshot, sink.read_table, result.row_counts).intact
    expected = _closure(url)
    assert set(sink.read_table("orders").column("id").to_pylist()) == expected["orders"]
    assert set(sink.read_table("products").column("sku").to_pylist()) == expected["products"]
    assert set(sink.read_table("categories").column("id").to_pylist()) == expected["categories"]
    assert result.upstream_rounds >= 4, "the hierarchy takes several rounds"
    categories = [delta for table, delta in deltas if table == "categories"]
    # The first round into categories starts from an empty key set: no delta. Later rounds add to
    # a key set that already holds rows: their rows go to a delta for the round after.
    assert categories[0] is False and True in categories[1:]
    assert ("products", False) in deltas
