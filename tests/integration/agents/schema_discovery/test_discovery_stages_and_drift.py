"""Stage functions (graph nodes), cancellation, fingerprints and drift between two discoveries."""

import json

import psycopg
import pytest

from tdm_agents.common.progress import JobCancelled, RecordingHooks
from tdm_agents.schema_discovery import discover as stages  # the module: one function per graph node
from tdm_agents.schema_discovery.diff import diff_snapshots
from tdm_agents.schema_discovery.discover import discover

pytestmark = pytest.mark.integration
SCHEMAS = ("public", "sales")


def test_stage_by_stage_equals_discover_and_state_is_json(source_db_url):
    info = stages.connect_db(source_db_url)
    assert info["database"] and "password" not in json.dumps(info)
    state = stages.fetch_tables(source_db_url, SCHEMAS)
    state = stages.fetch_columns(source_db_url, state)
    state = stages.infer_column_types(state)
    state = stages.profile_statistics(source_db_url, state, sample_size=100)
    state = stages.infer_primary_keys(source_db_url, state)
    state = stages.infer_foreign_keys(source_db_url, state)
    assert json.loads(json.dumps(state)) == state
    saved = []
    version_id = stages.save_metadata(state, lambda snap: saved.append(snap) or "v-1")
    whole = discover(source_db_url, SCHEMAS, sample_size=100)
    assert version_id == "v-1" and saved[0].fingerprint() == whole.fingerprint()
    assert stages.load_snapshot(state).table("customers").column("c7").inferred_type == "email"


def test_cancellation_between_tables(source_db_url):
    hooks = RecordingHooks(cancel_after_checks=7)
    with pytest.raises(JobCancelled):
        discover(source_db_url, SCHEMAS, hooks=hooks)
    assert any(e[0] == "profile_statistics" for e in hooks.events)


def test_fingerprint_ignores_data_changes_and_sees_structure_changes(source_db_url):
    before = discover(source_db_url, SCHEMAS, sample_size=100)
    with psycopg.connect(source_db_url, autocommit=True) as conn:
        conn.execute("DELETE FROM sales.store_visits WHERE store_id = 1")
        conn.execute("UPDATE customers SET loyalty_points = loyalty_points + 1")
        conn.execute("ANALYZE")
    after_data = discover(source_db_url, SCHEMAS, sample_size=100)
    assert after_data.fingerprint() == before.fingerprint()
    assert not diff_snapshots(before, after_data).has_changes

    with psycopg.connect(source_db_url, autocommit=True) as conn:
        conn.execute("ALTER TABLE customers ADD COLUMN nickname text")
        conn.execute("ALTER TABLE customers DROP COLUMN raw_profile")
        conn.execute("ALTER TABLE customers ALTER COLUMN phone SET NOT NULL")
        conn.execute(
            "ALTER TABLE customers ALTER COLUMN loyalty_points TYPE bigint, ALTER COLUMN loyalty_points SET DEFAULT 5"
        )
        conn.execute("DROP TABLE shipments")
        conn.execute("CREATE TABLE coupons (code text PRIMARY KEY, order_id bigint REFERENCES orders (id))")
        conn.execute("ALTER TABLE audit_log ADD PRIMARY KEY (event_id)")
        conn.execute("ALTER TABLE products ADD CONSTRAINT products_name_key UNIQUE (name, sku)")
        conn.execute(
            "ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey, ADD CONSTRAINT orders_customer_id_fkey "
            "FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT"
        )
    after = discover(source_db_url, SCHEMAS, include_stats=False)
    assert after.fingerprint() != before.fingerprint()

    diff = diff_snapshots(before, after)
    assert diff.added_tables == ["public.coupons"] and diff.removed_tables == ["public.shipments"]
    changed = {t.table: t for t in diff.changed_tables}
    customers = changed["public.customers"]
    assert customers.added_columns == ["nickname"] and customers.removed_columns == ["raw_profile"]
    columns = {c.column: {f.field: (f.old, f.new) for f in c.changes} for c in customers.changed_columns}
    assert columns["phone"]["nullable"] == (True, False)
    assert columns["loyalty_points"]["data_type"] == ("integer", "bigint")
    assert columns["loyalty_points"]["default"] == ("0", "5")
    assert changed["public.audit_log"].primary_key.new == ["event_id"]
    assert changed["public.products"].added_unique == [["name", "sku"]]
    assert [(r.child_table, r.parent_table) for r in diff.added_relationships] == [("coupons", "orders")]
    assert [r.name for r in diff.removed_relationships] == ["shipments_item_fk"]
    fk_change = diff.changed_relationships[0]
    assert fk_change.relationship.name == "orders_customer_id_fkey"
    assert fk_change.changes[0].model_dump() == {"field": "on_delete", "old": "CASCADE", "new": "RESTRICT"}
    assert diff.old_fingerprint == before.fingerprint() and diff.new_fingerprint == after.fingerprint()
