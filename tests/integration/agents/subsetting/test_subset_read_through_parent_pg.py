"""Leaf children read through their parent's key set give exactly the rows a key set of their own gives.

A table whose rows are all children of one parent's final key set gets no key set (see
`KeySetBuilder._read_through_parent`). Every request here runs twice, with that shortcut and with
every table given a key set, and both subsets must hold the same rows; the shortcut must be taken
where it applies, and only there.
"""

from __future__ import annotations

import pyarrow as pa
import pytest

from tdm_agents.subsetting import MemorySink, SubsetRequest, extract_subset, validate_request, verify_subset
from tdm_agents.subsetting.keysets import KeySetBuilder
from tdm_agents.subsetting.settings import SubsetSettings
from tests.integration.agents.subsetting.subset_source_db import discovered_source

pytestmark = pytest.mark.integration

# lines: a leaf below orders, with a composite key and a second parent (products, nullable);
# payments: below orders too, with receipts below it by a unique column that is not its key;
# transfers: reached from customers along two relationships, so the upstream phase can add customers,
# whose visits are then not all children of the sampled customers: visits keep a key set.
DDL = """
CREATE TABLE regions (id int PRIMARY KEY);
CREATE TABLE customers (id int PRIMARY KEY, region_id int NOT NULL REFERENCES regions, score int NOT NULL);
CREATE TABLE products (sku text PRIMARY KEY, price numeric NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL REFERENCES customers);
CREATE TABLE lines (order_id bigint NOT NULL REFERENCES orders, line int NOT NULL,
                    sku text REFERENCES products, qty int NOT NULL, PRIMARY KEY (order_id, line));
CREATE TABLE payments (id int PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders,
                       ref text NOT NULL UNIQUE);
CREATE TABLE receipts (id int PRIMARY KEY, payment_ref text NOT NULL REFERENCES payments (ref));
CREATE TABLE transfers (id int PRIMARY KEY, from_id int NOT NULL REFERENCES customers,
                        to_id int NOT NULL REFERENCES customers);
CREATE TABLE visits (customer_id int NOT NULL REFERENCES customers, at int NOT NULL);
INSERT INTO regions SELECT r FROM generate_series(1, 5) r;
INSERT INTO customers SELECT c, 1 + c % 5, c % 17 FROM generate_series(1, 300) c;
INSERT INTO products SELECT 'p' || p, p * 1.5 FROM generate_series(1, 80) p;
INSERT INTO orders SELECT o, 1 + (o * 7) % 300 FROM generate_series(1, 1500) o;
INSERT INTO lines SELECT o, l, CASE WHEN (o + l) % 11 = 0 THEN NULL ELSE 'p' || (1 + (o * l) % 80) END, l
    FROM generate_series(1, 1500) o, generate_series(1, 1 + o % 4) l;
INSERT INTO payments SELECT p, 1 + (p * 3) % 1500, 'ref-' || p FROM generate_series(1, 900) p;
INSERT INTO receipts SELECT r, 'ref-' || (1 + (r * 5) % 900) FROM generate_series(1, 700) r;
INSERT INTO transfers SELECT t, 1 + (t * 13) % 300, 1 + (t * 31) % 300 FROM generate_series(1, 400) t;
INSERT INTO visits SELECT 1 + (v * 11) % 300, v FROM generate_series(1, 600) v;
"""


@pytest.fixture(scope="module")
def source(pg_server_url):
    yield from discovered_source(pg_server_url, "tdm_subset_through", DDL)


def _rows(table: pa.Table) -> set[tuple]:
    return set(zip(*(table.column(c).to_pylist() for c in table.column_names), strict=True))


def _subset(source, monkeypatch, shortcut: bool, workers: int, request: dict):
    url, snapshot = source
    taken: list[dict[str, int]] = []
    original = KeySetBuilder._read_through_parent

    def recorded(self):
        derived = original(self) if shortcut else {}
        taken.append(derived)
        return derived

    monkeypatch.setattr(KeySetBuilder, "_read_through_parent", recorded)
    resolved = validate_request(
        SubsetRequest(schema_version_id="sv", connection_string=url, **request), snapshot
    )
    sink = MemorySink()
    result = extract_subset(url, snapshot, resolved, sink, settings=SubsetSettings(workers=workers))
    report = verify_subset(snapshot, sink.read_table, result.row_counts)
    assert report.intact, report.orphans
    (derived,) = taken
    tables = {t: _rows(sink.read_table(t)) for t in result.row_counts}
    return tables, {resolved.graph.relationships[i].child_key for i in derived.values()}


ROOT = {"root_table": "customers", "sampling_pct": 30, "seed": 3}


@pytest.mark.parametrize(
    ("request_", "read_through"),
    [
        (ROOT, {"lines", "receipts"}),
        ({**ROOT, "filters": {"customers": [{"column": "score", "op": "<", "value": 4}]}},
         {"lines", "receipts"}),
        ({"root_table": "orders", "sampling_pct": 20, "seed": 9},
         {"lines", "receipts"}),
        ({**ROOT, "mode": {"transfers": "skip"}}, {"lines", "receipts", "visits"}),
        ({**ROOT, "cut_nullable_fks": True}, {"lines", "receipts"}),
        # Each of these could cut or add rows: every table gets a key set.
        ({**ROOT, "max_depth": 2}, set()),
        ({**ROOT, "include_children_of_parents": 1}, set()),
        # A cap on a leaf keeps its own key set; the other leaves are still read through.
        ({**ROOT, "max_rows_per_table": {"lines": 50}}, {"receipts"}),
    ],
    ids=["sample", "filtered", "orders-root", "no-transfers", "cut", "max-depth", "completion", "capped-leaf"],
)  # fmt: skip
@pytest.mark.parametrize("workers", [1, 2])
def test_the_same_rows_with_and_without_key_sets_for_leaves(
    source, monkeypatch, request_, read_through, workers
):
    with_shortcut, derived = _subset(source, monkeypatch, True, workers, request_)
    without, none = _subset(source, monkeypatch, False, workers, request_)
    assert with_shortcut == without
    assert none == set()
    assert derived == read_through
    assert with_shortcut["lines"], "the request selects rows below the leaves' parents"


def test_no_delta_is_written_for_a_table_whose_children_are_all_read_through_it(source, monkeypatch):
    """payments' only child (receipts) is read through payments' key set, so no downstream round
    reads payments' delta: filling it would only copy its keys once more."""
    deltas: dict[str, set[bool]] = {}
    original = KeySetBuilder._insert

    def recorded(self, table, candidates, params, capped=True, delta=True):
        deltas.setdefault(table, set()).add(delta)
        return original(self, table, candidates, params, capped=capped, delta=delta)

    monkeypatch.setattr(KeySetBuilder, "_insert", recorded)
    tables, derived = _subset(source, monkeypatch, True, 1, ROOT)
    assert "receipts" in derived and tables["receipts"]
    assert deltas["payments"] == {False}
    assert True in deltas["orders"], "payments, a child of orders, is found from orders' delta"
