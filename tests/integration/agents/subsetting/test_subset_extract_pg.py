"""Subset extraction on a real PostgreSQL source: filters, sampling, caps, cycles, modes, integrity."""

from __future__ import annotations

import psycopg
import pytest

from tdm_agents.common.progress import JobCancelled, RecordingHooks
from tdm_agents.subsetting import (
    MemorySink,
    SourceConnectionLost,
    SubsetRequest,
    extract_subset,
    validate_request,
    verify_subset,
)
from tests.fixtures.postgres import create_database, drop_database
from tests.integration.agents.subsetting.subset_source_db import create_source, describe

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def source(pg_server_url):
    """One source database for the module: extraction only reads it."""
    url = create_database(pg_server_url, prefix="tdm_subset_src")
    create_source(url)
    yield url, describe(url)
    drop_database(pg_server_url, url)


def run(source, **request):
    """Validate, extract into memory and verify; returns (result, sink)."""
    url, snapshot = source
    request.setdefault("root_table", "customers")
    resolved = validate_request(
        SubsetRequest(schema_version_id="sv", connection_string=url, **request), snapshot
    )
    sink = MemorySink()
    result = extract_subset(url, snapshot, resolved, sink)
    report = verify_subset(snapshot, sink.read_table, result.row_counts)
    assert report.intact, report.orphans
    assert report.row_counts == result.row_counts
    return result, sink


def ids(sink, table="customers", column="id"):
    return sorted(sink.read_table(table).column(column).to_pylist())


def expected_ids(source, where: str) -> list[int]:
    with psycopg.connect(source[0]) as conn:
        return [r[0] for r in conn.execute(f"SELECT id FROM customers WHERE {where} ORDER BY id")]


OPS = [
    ({"column": "region", "op": "=", "value": "US"}, "region = 'US'"),
    ({"column": "region", "op": "!=", "value": "US"}, "region <> 'US'"),
    ({"column": "id", "op": "<", "value": 5}, "id < 5"),
    ({"column": "id", "op": "<=", "value": "5"}, "id <= 5"),
    ({"column": "credit", "op": ">", "value": 200.5}, "credit > 200.5"),
    ({"column": "signup", "op": ">=", "value": "2024-06-01"}, "signup >= '2024-06-01'"),
    ({"column": "id", "op": "in", "value": [3, 7, 11]}, "id IN (3, 7, 11)"),
    ({"column": "tier", "op": "not_in", "value": ["gold", "bronze"]}, "tier NOT IN ('gold', 'bronze')"),
    (
        {"column": "signup", "op": "between", "value": ["2024-02-01", "2024-03-01"]},
        "signup BETWEEN '2024-02-01' AND '2024-03-01'",
    ),
    ({"column": "name", "op": "like", "value": "customer 1%"}, "name LIKE 'customer 1%'"),
    ({"column": "name", "op": "ilike", "value": "CUSTOMER 2_"}, "name ILIKE 'CUSTOMER 2_'"),
    ({"column": "home_store_id", "op": "is_null"}, "home_store_id IS NULL"),
    ({"column": "home_store_id", "op": "not_null"}, "home_store_id IS NOT NULL"),
    ({"column": "active", "op": "=", "value": False}, "NOT active"),
    ({"column": "tier", "op": "=", "value": "gold"}, "tier = 'gold'"),
]


@pytest.mark.parametrize(("condition", "where"), OPS, ids=[f"{c['column']} {c['op']}" for c, _ in OPS])
def test_every_filter_operator_selects_exactly_the_matching_targets(source, condition, where):
    _, sink = run(source, filters={"customers": [condition]})
    assert ids(sink) == expected_ids(source, where)


def test_short_form_filter_means_equality_and_children_follow(source):
    result, sink = run(source, filters={"customers": {"region": "EU"}})
    assert ids(sink) == expected_ids(source, "region = 'EU'")
    assert set(sink.read_table("orders").column("customer_id").to_pylist()) == set(ids(sink))
    assert result.row_counts["order_items"] == 2 * result.row_counts["orders"]


def test_date_range_on_a_child_table_restricts_its_rows(source):
    rng = {
        "table": "orders",
        "column": "created_at",
        "start": "2024-02-01",
        "end": "2024-02-29T23:59:59+00:00",
    }
    _, sink = run(source, date_range=rng, filters={"customers": {"region": "US"}})
    created = sink.read_table("orders").column("created_at").to_pylist()
    assert created and all(c.month == 2 for c in created)


def test_sampling_is_reproducible_by_seed(source):
    first = ids(run(source, sampling_pct=50, seed=7)[1])
    again = ids(run(source, sampling_pct=50, seed=7)[1])
    other = ids(run(source, sampling_pct=50, seed=8)[1])
    assert first == again
    assert first != other
    assert 8 <= len(first) <= 32
    assert ids(run(source, sampling_pct=0)[1]) == []
    assert len(ids(run(source, sampling_pct=100)[1])) == 40


def test_sampling_works_on_a_table_without_any_key(source):
    _, sink = run(source, root_table="audit_notes", sampling_pct=50, seed=3)
    _, again = run(source, root_table="audit_notes", sampling_pct=50, seed=3)
    assert sink.read_table("audit_notes").to_pylist() == again.read_table("audit_notes").to_pylist()


def test_caps_limit_targets_and_children_deterministically(source):
    result, sink = run(source, max_rows_per_table={"customers": 5, "orders": 4})
    assert ids(sink) == [1, 2, 3, 4, 5]
    assert result.row_counts["orders"] == 4
    assert result.caps_applied == {"customers": 5, "orders": 4}


def test_caps_never_apply_to_parents(source):
    result, sink = run(
        source, root_table="employee", filters={"employee": {"emp_id": 6}}, max_rows_per_table=1
    )
    # 6 reports to 5, who reports to 4, 2 and 1: the whole chain is needed for integrity.
    assert ids(sink, "employee", "emp_id") == [1, 2, 4, 5, 6]
    assert result.caps_applied == {}


def test_self_reference_is_followed_downstream_to_a_fixed_point_or_a_depth(source):
    _, sink = run(source, root_table="employee", filters={"employee": {"emp_id": 2}})
    assert ids(sink, "employee", "emp_id") == [1, 2, 4, 5, 6]
    _, shallow = run(source, root_table="employee", filters={"employee": {"emp_id": 2}}, max_depth=1)
    assert ids(shallow, "employee", "emp_id") == [1, 2, 4]


def test_cycle_between_stores_and_staff_closes(source):
    overrides = [
        {"parent_table": "stores", "child_table": child, "follow_children": False}
        for child in ("customers", "employee")
    ]
    result, sink = run(
        source, root_table="stores", filters={"stores": {"store_id": 1}}, relationship_overrides=overrides
    )
    assert ["staff", "stores"] in result.cycles
    assert ids(sink, "stores", "store_id") == [1]
    assert ids(sink, "staff", "staff_id") == [10, 11]
    assert result.row_counts["customers"] == 0
    _, everything = run(source, root_table="stores", filters={"stores": {"store_id": 1}})
    # Followed further, employees of store 1 manage people in store 2, whose store is then needed.
    assert ids(everything, "stores", "store_id") == [1, 2, 3]


def test_cut_nullable_fks_breaks_the_reference_with_null(source):
    result, sink = run(
        source, root_table="employee", filters={"employee": {"emp_id": 6}}, cut_nullable_fks=True
    )
    rows = sink.read_table("employee").to_pylist()
    assert rows == [{"emp_id": 6, "reports_to": None, "store_id": None}]
    assert result.cut_relationships


def test_unique_key_and_keyless_tables_follow_their_parents(source):
    _, sink = run(source, filters={"customers": [{"column": "id", "op": "in", "value": [1, 4]}]})
    assert sorted(sink.read_table("loyalty_cards").column("card_no").to_pylist()) == ["CARD-1"]
    assert ids(sink, "audit_notes", "customer_id") == [1, 4]


def test_full_mode_copies_a_table_whole_and_skip_leaves_it_out(source):
    result, sink = run(
        source, filters={"customers": {"id": 1}}, mode={"currencies": "full", "loyalty_cards": "skip"}
    )
    assert result.row_counts["currencies"] == 3
    assert "loyalty_cards" not in result.row_counts


def test_skipping_a_parent_needs_a_nullable_cut_reference(source):
    result, sink = run(source, mode={"stores": "skip"}, cut_nullable_fks=True)
    assert set(sink.read_table("customers").column("home_store_id").to_pylist()) == {None}
    assert "stores" not in result.row_counts


def test_injection_text_is_a_plain_value(source):
    _, sink = run(source, filters={"customers": {"name": "'; DROP TABLE customers; --"}})
    assert ids(sink) == []
    with psycopg.connect(source[0]) as conn:
        assert conn.execute("SELECT count(*) FROM customers").fetchone()[0] == 40


def test_cancellation_stops_the_extraction(source):
    url, snapshot = source
    resolved = validate_request(
        SubsetRequest(schema_version_id="sv", connection_string=url, root_table="customers"), snapshot
    )
    hooks = RecordingHooks(cancel_after_checks=4)
    with pytest.raises(JobCancelled):
        extract_subset(url, snapshot, resolved, MemorySink(), hooks)


class _KillSourceHooks(RecordingHooks):
    """Terminates the extraction's backend at the Nth cancellation check, like a lost network."""

    def __init__(self, url: str, at_check: int):
        super().__init__()
        self.url, self.at_check = url, at_check

    def check_cancelled(self) -> None:
        super().check_cancelled()
        if self.checks == self.at_check:
            with psycopg.connect(self.url, autocommit=True) as conn:
                conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
                )


@pytest.mark.parametrize("at_check", [2, 30])
def test_lost_source_connection_is_a_typed_retryable_error(fresh_db_url, at_check):
    create_source(fresh_db_url)
    snapshot = describe(fresh_db_url)
    resolved = validate_request(
        SubsetRequest(schema_version_id="sv", connection_string=fresh_db_url, root_table="customers"),
        snapshot,
    )
    sink = MemorySink()
    with pytest.raises(SourceConnectionLost):
        extract_subset(fresh_db_url, snapshot, resolved, sink, _KillSourceHooks(fresh_db_url, at_check))
