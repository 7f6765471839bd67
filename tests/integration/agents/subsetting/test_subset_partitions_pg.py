"""Partitioned tables and table inheritance through discovery, the subset and its orphan check.

The regression of issue 14 item 2: `payment` is partitioned by month and its keys to customer,
rental and staff are declared on each partition, not on the parent. A subset rooted at a handful of
customers must keep every payment of every kept rental, and the orphan check must see those keys.
"""

from __future__ import annotations

import psycopg
import pyarrow.compute as pc
import pytest

from tdm_agents.subsetting import (
    MemorySink,
    SubsetRequest,
    extract_subset,
    plan_subset,
    validate_request,
    verify_subset,
)
from tdm_agents.subsetting.errors import SubsetValidationError
from tests.fixtures.postgres import create_database, drop_database
from tests.fixtures.zoo_partitions import discover_structure, load_zoo_schemas

pytestmark = pytest.mark.integration
SCHEMAS = ("zoo_part", "zoo_part_fk", "zoo_inherit")


@pytest.fixture(scope="module")
def source(pg_server_url):
    url = create_database(pg_server_url, prefix="tdm_part_src")
    load_zoo_schemas(url, *SCHEMAS)
    yield url, discover_structure(url, *SCHEMAS)
    drop_database(pg_server_url, url)


def subset(source, root, filters=None, **options):
    url, snapshot = source
    request = SubsetRequest(
        schema_version_id="sv", connection_string=url, root_table=root, filters=filters or {}, **options
    )
    resolved = validate_request(request, snapshot)
    sink = MemorySink()
    result = extract_subset(url, snapshot, resolved, sink)
    return result, sink


def source_count(url: str, query: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute(query).fetchone()[0]


def test_partition_level_keys_fold_into_the_parent(source):
    _, snapshot = source
    payment = snapshot.table("zoo_part_fk.payment")
    assert payment.kind == "partitioned_table" and payment.partition_key == "RANGE (payment_date)"
    assert len(payment.partitions) == 6
    rels = [r for r in snapshot.relationships if r.child_key == "zoo_part_fk.payment"]
    assert sorted(r.parent_key for r in rels) == [
        "zoo_part_fk.customer",
        "zoo_part_fk.rental",
        "zoo_part_fk.staff",
    ]
    for rel in rels:
        assert rel.name is None and len(rel.partition_constraints) == 6
    assert not [r for r in snapshot.relationships if "payment_p" in r.child_table]


def test_keys_on_the_parent_and_to_a_partitioned_table_are_listed_once(source):
    _, snapshot = source
    entry = [r for r in snapshot.relationships if r.child_key == "zoo_part.entry"]
    assert [(r.name, r.parent_key, r.partition_constraints) for r in entry] == [
        ("entry_account_id_fkey", "zoo_part.account", {})
    ]
    tag = [r for r in snapshot.relationships if r.child_key == "zoo_part.entry_tag"]
    assert [(r.parent_key, r.parent_columns) for r in tag] == [("zoo_part.entry", ["entry_id", "booked"])]
    visit = snapshot.table("zoo_part.visit_2023")
    assert visit.partition_of == "zoo_part.visit" and visit.partition_key == "LIST (region)"
    assert snapshot.partition_root(snapshot.table("zoo_part.visit_2024_h1")).key == "zoo_part.visit"


def test_subset_keeps_every_payment_of_every_kept_rental(source):
    url, snapshot = source
    customers = {"zoo_part_fk.customer": [{"column": "customer_id", "op": "<=", "value": 15}]}
    result, sink = subset(source, "zoo_part_fk.customer", customers)
    rentals = sink.read_table("zoo_part_fk.rental").column("rental_id").to_pylist()
    payments = sink.read_table("zoo_part_fk.payment")
    expected = source_count(
        url,
        "SELECT count(*) FROM zoo_part_fk.payment p JOIN zoo_part_fk.rental r USING (rental_id) "
        "WHERE r.customer_id <= 15",
    )
    assert len(rentals) == source_count(
        url, "SELECT count(*) FROM zoo_part_fk.rental WHERE customer_id <= 15"
    )
    assert expected > 0 and payments.num_rows == expected
    assert set(payments.column("rental_id").to_pylist()) <= set(rentals)
    report = verify_subset(snapshot, sink.read_table, result.row_counts)
    assert report.intact
    assert "zoo_part_fk.payment(rental_id) -> zoo_part_fk.rental(rental_id)" in report.orphans


def test_orphan_check_catches_a_lost_parent_of_a_partition_key(source):
    _, snapshot = source
    customers = {"zoo_part_fk.customer": [{"column": "customer_id", "op": "<=", "value": 15}]}
    result, sink = subset(source, "zoo_part_fk.customer", customers)
    rentals = sink.read_table("zoo_part_fk.rental")
    paid = sink.read_table("zoo_part_fk.payment").column("rental_id")[0].as_py()

    def read(table):
        if table == "zoo_part_fk.rental":
            return rentals.filter(pc.not_equal(rentals.column("rental_id"), paid))
        return sink.read_table(table)

    report = verify_subset(snapshot, read, result.row_counts)
    assert not report.intact
    assert report.orphans["zoo_part_fk.payment(rental_id) -> zoo_part_fk.rental(rental_id)"] >= 1


def test_inheritance_parent_rows_are_not_duplicated(source):
    url, _ = source
    everything = ["zoo_inherit.city", "zoo_inherit.capital", "zoo_inherit.port_city", "zoo_inherit.mayor"]
    result, _sink = subset(source, everything)
    assert result.row_counts["zoo_inherit.city"] == source_count(
        url, "SELECT count(*) FROM ONLY zoo_inherit.city"
    )
    assert result.row_counts["zoo_inherit.capital"] == 60
    assert result.row_counts["zoo_inherit.port_city"] == 80


def test_multi_level_partitions_subset_through_the_root(source):
    url, snapshot = source
    result, sink = subset(source, "zoo_part.visit", {"zoo_part.visit": {"region": "EU"}})
    assert result.row_counts["zoo_part.visit"] == source_count(
        url, "SELECT count(*) FROM zoo_part.visit WHERE region = 'EU'"
    )
    assert verify_subset(snapshot, sink.read_table, result.row_counts).intact


def test_keyless_partitioned_rows_are_told_apart_by_partition(source):
    # ctids repeat across partitions: a ctid-only key would match rows of every partition.
    url, snapshot = source
    for root in ("zoo_part.event_log", "zoo_part.account"):
        filters = {root: [{"column": "account_id", "op": "<=", "value": 10}]}
        result, sink = subset(source, root, filters)
        assert result.row_counts["zoo_part.event_log"] == source_count(
            url, "SELECT count(*) FROM zoo_part.event_log WHERE account_id <= 10"
        )
        assert verify_subset(snapshot, sink.read_table, result.row_counts).intact


def test_dry_run_counts_indexes_declared_on_every_partition(source):
    url, snapshot = source
    request = SubsetRequest(
        schema_version_id="sv", connection_string=url, root_table="zoo_part_fk.customer", filters={}
    )
    with psycopg.connect(url) as conn:
        plan = plan_subset(conn, snapshot, validate_request(request, snapshot))
    # customer_id is indexed on each partition (not on the parent); rental_id nowhere.
    assert [(w.table, w.columns) for w in plan.missing_indexes] == [("zoo_part_fk.payment", ["rental_id"])]
    assert plan.missing_indexes[0].create_index == 'CREATE INDEX ON "zoo_part_fk"."payment" ("rental_id")'


def test_a_partition_named_in_a_request_is_refused_with_its_root(source):
    with pytest.raises(SubsetValidationError) as caught:
        subset(source, "zoo_part.visit_2023_eu")
    assert caught.value.problems == [
        {
            "field": "root_table",
            "message": "is a partition of zoo_part.visit: partitions are subset through it; name zoo_part.visit",
        }
    ]
