"""The provisioning engine on real PostgreSQL: a real table export loaded into an empty target.

The source (tests/fixtures/source_databases.py) has composite keys, a self-reference, an FK cycle
across schemas, enums, domains, identity and serial columns, arrays, json, inet and uuid.
"""

from __future__ import annotations

import dataclasses

import psycopg
import pyarrow as pa
import pytest

from tdm_agents.common.progress import JobCancelled, RecordingHooks
from tdm_agents.provisioning.errors import LoadError, SchemaConflictError, SmokeTestsFailed
from tdm_agents.provisioning.provision import ProvisionOptions, provision
from tests.integration.agents.provisioning.provision_support import (
    dataset_input,
    export_dataset,
    target_fingerprint,
)

COMPARED = ["customers", "orders", "order_items", "shipments", "employee", "audit_log", "events"]


@pytest.fixture
def exported(source_db_url, local_store):
    version_id, snapshot = export_dataset(source_db_url, local_store)
    return dataset_input(local_store, version_id, snapshot)


def _scalar(url: str, query: str):
    with psycopg.connect(url) as conn:
        return conn.execute(query).fetchone()[0]


def test_provision_into_empty_target_copies_every_table(exported, fresh_db_url, source_db_url):
    result = provision(fresh_db_url, exported, ProvisionOptions(mode="truncate"))
    assert result["smoke_test_results"]["passed"], result["smoke_test_results"]
    assert result["row_counts"] == exported.row_counts
    assert result["tables_loaded"].index("customers") < result["tables_loaded"].index("orders")
    source, target = target_fingerprint(source_db_url), target_fingerprint(fresh_db_url)
    for key in [f"public.{t}" for t in COMPARED] + ["sales.store", "sales.staff", "sales.store_visits"]:
        assert target[key] == source[key], key
    checks = {c["name"] for c in result["smoke_test_results"]["checks"]}
    assert "foreign_key:sales.store(manager_staff_id)->sales.staff" in checks


def test_loaded_tables_have_statistics_before_their_foreign_keys_are_checked(exported, fresh_db_url):
    provision(fresh_db_url, exported, ProvisionOptions(mode="truncate"))
    analyzed = _scalar(
        fresh_db_url,
        "SELECT array_agg(relname::text ORDER BY relname) FROM pg_stat_user_tables "
        "WHERE last_analyze IS NOT NULL AND relname IN ('customers', 'orders', 'order_items')",
    )
    assert analyzed == ["customers", "order_items", "orders"]
    # Only the columns foreign keys join on (both sides): whole-table statistics cost several times more.
    orders_stats = _scalar(
        fresh_db_url,
        "SELECT array_agg(attname::text ORDER BY attname) FROM pg_stats WHERE tablename = 'orders'",
    )
    assert orders_stats == ["customer_id", "id"]


def test_sequences_move_past_the_loaded_rows(exported, fresh_db_url):
    provision(fresh_db_url, exported, ProvisionOptions())
    with psycopg.connect(fresh_db_url) as conn:
        top = conn.execute("SELECT max(id) FROM customers").fetchone()[0]
        new_id = conn.execute(
            "INSERT INTO customers (first_name, last_name, email) "
            "VALUES ('a', 'b', 'a@b.example') RETURNING id"
        ).fetchone()[0]
        product = conn.execute(
            "INSERT INTO products (sku, name, price) VALUES ('NEW-1', 'n', 1) RETURNING id"
        ).fetchone()[0]
        assert new_id == top + 1
        assert product == conn.execute("SELECT max(id) FROM products").fetchone()[0]


def test_every_mode_reloads_to_the_same_content(exported, fresh_db_url):
    provision(fresh_db_url, exported, ProvisionOptions(mode="truncate"))
    first = target_fingerprint(fresh_db_url)
    for mode in ("truncate", "drop_create", "upsert"):
        result = provision(fresh_db_url, exported, ProvisionOptions(mode=mode))
        assert result["smoke_test_results"]["passed"], (mode, result["smoke_test_results"])
        assert target_fingerprint(fresh_db_url) == first, mode


def test_append_adds_rows_and_fails_atomically_on_duplicates(exported, fresh_db_url):
    small = dataclasses.replace(exported, row_counts={"employee": exported.row_counts["employee"]})
    provision(fresh_db_url, small, ProvisionOptions(mode="truncate"))
    before = target_fingerprint(fresh_db_url)
    with pytest.raises(LoadError, match="violates a target constraint"):
        provision(fresh_db_url, small, ProvisionOptions(mode="append"))
    assert target_fingerprint(fresh_db_url) == before
    with psycopg.connect(fresh_db_url) as conn:
        conn.execute("DELETE FROM employee WHERE manager_id IS NOT NULL")
    result = provision(
        fresh_db_url, dataclasses.replace(small, read=_only_reports(small)), ProvisionOptions(mode="append")
    )
    assert result["smoke_test_results"]["passed"]
    assert _scalar(fresh_db_url, "SELECT count(*) FROM employee") == small.row_counts["employee"]


def _only_reports(dataset):
    def read(table):
        for batch in dataset.read(table):
            mask = pa.compute.is_valid(batch.column("manager_id"))
            yield batch.filter(mask)

    return read


def test_conflicting_table_shape_fails_before_any_change(exported, fresh_db_url):
    with psycopg.connect(fresh_db_url) as conn:
        conn.execute(
            "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id text NOT NULL, note text NOT NULL)"
        )
        conn.execute("INSERT INTO orders VALUES (1, 'x', 'kept')")
    before = target_fingerprint(fresh_db_url)
    with pytest.raises(SchemaConflictError) as failure:
        provision(fresh_db_url, exported, ProvisionOptions())
    message = str(failure.value)
    assert "public.orders has no column status" in message and "customer_id is text" in message
    assert target_fingerprint(fresh_db_url) == before


def test_failure_mid_load_leaves_target_exactly_as_before(exported, fresh_db_url):
    provision(fresh_db_url, exported, ProvisionOptions())
    with psycopg.connect(fresh_db_url) as conn:  # a target rule the dataset's later rows break
        conn.execute("ALTER TABLE order_items ADD CONSTRAINT small_quantity CHECK (quantity < 3) NOT VALID")
    before = target_fingerprint(fresh_db_url)
    with pytest.raises(LoadError, match="order_items") as failure:
        provision(fresh_db_url, exported, ProvisionOptions(mode="truncate"))
    assert "small_quantity" in str(failure.value)
    assert target_fingerprint(fresh_db_url) == before


def test_cancel_mid_load_rolls_back_a_fresh_target(exported, fresh_db_url):
    before = target_fingerprint(fresh_db_url)
    with pytest.raises(JobCancelled):
        provision(fresh_db_url, exported, ProvisionOptions(), hooks=RecordingHooks(cancel_after_checks=5))
    assert target_fingerprint(fresh_db_url) == before
    assert _scalar(fresh_db_url, "SELECT count(*) FROM pg_namespace WHERE nspname = 'sales'") == 0


def test_smoke_queries_pass_and_fail(exported, fresh_db_url):
    queries = [
        {"name": "has_customers", "sql": "SELECT 1 FROM customers", "expect": "non_empty"},
        {
            "name": "employee_count",
            "sql": "SELECT count(*) FROM employee",
            "expect": "equals",
            "expected_value": exported.row_counts["employee"],
        },
        {"name": "no_negative", "sql": "SELECT 1 FROM customers WHERE loyalty_points < 0", "expect": "empty"},
    ]
    result = provision(fresh_db_url, exported, ProvisionOptions(smoke_queries=queries))
    names = {c["name"]: c["passed"] for c in result["smoke_test_results"]["checks"]}
    assert names["query:has_customers"] and names["query:employee_count"] and names["query:no_negative"]
    before = target_fingerprint(fresh_db_url)
    writer = {"name": "sneaky_write", "sql": "DELETE FROM employee RETURNING 1", "expect": "non_empty"}
    with pytest.raises(SmokeTestsFailed) as failure:
        provision(fresh_db_url, exported, ProvisionOptions(smoke_queries=[writer]))
    failed = [c for c in failure.value.results["checks"] if not c["passed"]]
    assert [c["name"] for c in failed] == ["query:sneaky_write"]
    assert "SQLSTATE 25006" in failed[0]["detail"]  # read-only transaction
    assert target_fingerprint(fresh_db_url) == before


def test_ephemeral_target_schema_holds_every_table(exported, fresh_db_url):
    public_only = dataclasses.replace(
        exported, row_counts={k: v for k, v in exported.row_counts.items() if not k.startswith("sales.")}
    )
    result = provision(fresh_db_url, public_only, ProvisionOptions(target_schema="ci_run_42"))
    assert result["smoke_test_results"]["passed"]
    assert result["target_tables"]["orders"] == "ci_run_42.orders"
    assert _scalar(fresh_db_url, "SELECT count(*) FROM ci_run_42.orders") == exported.row_counts["orders"]
    assert _scalar(fresh_db_url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == 0
