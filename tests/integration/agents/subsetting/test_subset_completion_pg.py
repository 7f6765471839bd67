"""The completeness option on a real source: pulled-in parents bring their children, intact.

Rooted at five rentals, the subset pulls in their customers as parents. With
`include_children_of_parents=1` each of those customers brings all of its rentals and payments
(payment is partitioned, its keys declared on the partitions), and the result stays intact.
"""

from __future__ import annotations

import psycopg
import pytest

from tdm_agents.subsetting import (
    MemorySink,
    SubsetRequest,
    extract_subset,
    plan_subset,
    validate_request,
    verify_subset,
)
from tests.fixtures.postgres import create_database, drop_database
from tests.fixtures.zoo_partitions import discover_structure, load_zoo_schemas

pytestmark = pytest.mark.integration
# Staff serve every rental: following staff -> rental would pull in the whole table.
NOT_FROM_STAFF = [{"parent_table": "zoo_part_fk.staff", "follow_children": False}]
FIVE_RENTALS = {"zoo_part_fk.rental": [{"column": "rental_id", "op": "<=", "value": 5}]}


@pytest.fixture(scope="module")
def source(pg_server_url):
    url = create_database(pg_server_url, prefix="tdm_complete_src")
    load_zoo_schemas(url, "zoo_part_fk")
    yield url, discover_structure(url, "zoo_part_fk")
    drop_database(pg_server_url, url)


def resolve(source, depth: int, **extra):
    url, snapshot = source
    extra.setdefault("relationship_overrides", NOT_FROM_STAFF)
    request = SubsetRequest(
        schema_version_id="sv", connection_string=url, root_table="zoo_part_fk.rental", filters=FIVE_RENTALS,
        include_children_of_parents=depth, **extra,
    )  # fmt: skip
    return validate_request(request, snapshot)


def run(source, depth: int, **extra):
    url, snapshot = source
    resolved = resolve(source, depth, **extra)
    sink = MemorySink()
    result = extract_subset(url, snapshot, resolved, sink)
    report = verify_subset(snapshot, sink.read_table, result.row_counts)
    assert report.intact, report.orphans
    return result.row_counts, sink


def scalar(url: str, query: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute(query).fetchone()[0]


CUSTOMERS = "(SELECT customer_id FROM zoo_part_fk.rental WHERE rental_id <= 5)"


def test_without_the_option_parents_come_alone(source):
    counts, _ = run(source, 0)
    assert counts["zoo_part_fk.rental"] == 5
    assert counts["zoo_part_fk.customer"] == scalar(
        source[0], f"SELECT count(DISTINCT customer_id) FROM {CUSTOMERS} c"
    )


def test_pulled_in_customers_bring_all_their_rentals_and_payments(source):
    url, _ = source
    counts, sink = run(source, 1)
    rentals = scalar(url, f"SELECT count(*) FROM zoo_part_fk.rental WHERE customer_id IN {CUSTOMERS}")
    payments = scalar(url, f"SELECT count(*) FROM zoo_part_fk.payment WHERE customer_id IN {CUSTOMERS}")
    assert rentals > 5 and counts["zoo_part_fk.rental"] == rentals
    assert counts["zoo_part_fk.payment"] == payments
    kept_customers = set(sink.read_table("zoo_part_fk.customer").column("customer_id").to_pylist())
    assert set(sink.read_table("zoo_part_fk.rental").column("customer_id").to_pylist()) == kept_customers


def test_caps_still_limit_the_children_completion_brings(source):
    # (A cap on rental would not hold: the payments brought in reference rentals, pulled in as parents.)
    counts, _ = run(source, 1, max_rows_per_table={"zoo_part_fk.payment": 10})
    assert counts["zoo_part_fk.payment"] == 10


def test_the_dry_run_shows_the_completion(source):
    url, snapshot = source
    with psycopg.connect(url) as conn:
        plain = plan_subset(conn, snapshot, resolve(source, 0))
        completed = plan_subset(conn, snapshot, resolve(source, 1))
    by_table = {t.table: t for t in completed.tables}
    assert completed.include_children_of_parents == 1
    assert by_table["zoo_part_fk.rental"].completion_depth == 1
    assert by_table["zoo_part_fk.payment"].completion_depth == 1
    assert completed.estimated_rows > plain.estimated_rows
    assert all(t.completion_depth is None for t in plain.tables)


def test_whole_tables_do_not_bring_children(source):
    # staff copied whole is no pulled-in parent: its rentals (all of them) must not come along.
    counts, _ = run(source, 1, mode={"zoo_part_fk.staff": "full"}, relationship_overrides=[])
    assert counts["zoo_part_fk.staff"] == 2
    assert counts["zoo_part_fk.rental"] < scalar(source[0], "SELECT count(*) FROM zoo_part_fk.rental")
