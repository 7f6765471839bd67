"""Discovery of the shared source database: every awkward case lands in the snapshot correctly."""

import pytest

from tdm_agents.common.progress import RecordingHooks
from tdm_agents.schema_discovery.discover import STAGES, discover

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def discovered(source_template_url):
    hooks = RecordingHooks()
    url = source_template_url.replace("postgresql://", "postgresql+psycopg://", 1)
    snapshot = discover(url, schemas=("public", "sales"), sample_size=200, exact_counts=True, hooks=hooks)
    return snapshot, hooks


def test_kinds_views_partitions(discovered):
    snap, _ = discovered
    kinds = {t.qualified_name: t.kind for t in snap.tables}
    assert kinds["public.customer_emails"] == "view"
    assert kinds["public.order_totals"] == "materialized_view"
    assert kinds["public.events"] == "partitioned_table"
    assert kinds["sales.store"] == "table"
    events = snap.table("events")
    assert sorted(events.partitions) == ["public.events_2024", "public.events_2025"]
    assert snap.table("events_2024").partition_of == "public.events"
    assert (
        not snap.table("events_2024").is_subset_source and not snap.table("customer_emails").is_subset_source
    )
    assert snap.database and snap.server_version and snap.schemas == ["public", "sales"]


def test_columns_types_defaults_identity_generated(discovered):
    snap, _ = discovered
    customers = snap.table("customers")
    assert [c.name for c in customers.columns][:3] == ["id", "first_name", "last_name"]
    cid = customers.column("id")
    assert cid.is_identity and cid.identity_generation == "ALWAYS" and not cid.nullable
    assert snap.table("orders").column("id").identity_generation == "BY DEFAULT"
    first = customers.column("first_name")
    assert (first.data_type, first.udt_name, first.max_length, first.type_category) == (
        "character varying(80)",
        "varchar",
        80,
        "string",
    )
    full = customers.column("full_name")
    assert full.is_generated and "first_name" in full.generation_expression and full.default is None
    assert customers.column("created_at").default == "now()"
    tags = customers.column("tags")
    assert (tags.type_category, tags.element_type, tags.udt_name) == ("array", "text", "_text")
    assert customers.column("preferences").type_category == "json"
    assert customers.column("raw_profile").data_type == "json"
    assert customers.column("c7").comment == "legacy contact column"
    assert customers.comment == "People who buy things"
    price = snap.table("products").column("price")
    assert (price.numeric_precision, price.numeric_scale, price.type_category) == (10, 2, "decimal")


def test_enums_and_domains(discovered):
    snap, _ = discovered
    status = snap.table("orders").column("status")
    assert status.type_category == "enum"
    assert status.enum_values == ["pending", "paid", "shipped", "cancelled"]
    assert [(e.name, e.values[0]) for e in snap.enums] == [("order_status", "pending")]
    email = snap.table("customers").column("email")
    assert email.domain_name == "email_address" and email.type_category == "string"
    total = snap.table("orders").column("total")
    assert (total.domain_name, total.type_category, total.numeric_scale, total.nullable) == (
        "positive_amount",
        "decimal",
        2,
        False,
    )
    domains = {d.name: d for d in snap.domains}
    assert domains["positive_amount"].base_type == "numeric(12,2)" and domains["positive_amount"].not_null
    assert domains["email_address"].checks and "@" in domains["email_address"].checks[0]


def test_keys_uniques_indexes_checks(discovered):
    snap, _ = discovered
    assert snap.table("order_items").primary_key == ["order_id", "line_no"]
    assert snap.table("sales.store_visits").primary_key == ["store_id", "customer_id", "visited_on"]
    audit = snap.table("audit_log")
    assert audit.primary_key == [] and [u.columns for u in audit.unique_constraints] == [["event_id"]]
    assert audit.identifying_columns() == ["event_id"]
    partial = next(i for i in audit.indexes if i.name == "audit_log_one_login_per_moment")
    assert partial.unique and partial.partial and partial.columns == ["actor", "logged_at"]
    expression = next(i for i in snap.table("customers").indexes if i.name == "customers_lower_email_idx")
    assert expression.columns == [] and "lower" in expression.definition
    assert next(i for i in snap.table("customers").indexes if i.name == "customers_pkey").primary
    checks = {c.name: c.expression for c in snap.table("orders").check_constraints}
    assert "ordered_at" in checks["orders_recent_chk"]
    assert any("loyalty_points" in c.expression for c in snap.table("customers").check_constraints)


def test_foreign_keys_composite_self_cycle_cross_schema(discovered):
    snap, _ = discovered
    rels = {r.name: r for r in snap.relationships}
    composite = rels["shipments_item_fk"]
    assert composite.child_columns == ["order_id", "line_no"] and composite.parent_columns == [
        "order_id",
        "line_no",
    ]
    assert rels["employee_manager_id_fkey"].is_self_reference
    assert rels["orders_customer_id_fkey"].on_delete == "CASCADE"
    cycle = rels["store_manager_fk"]
    assert (cycle.child_key, cycle.parent_key, cycle.deferrable) == ("sales.store", "sales.staff", True)
    back = rels["staff_store_id_fkey"]
    assert (back.child_key, back.parent_key, back.deferrable) == ("sales.staff", "sales.store", False)
    cross = rels["store_visits_customer_id_fkey"]
    assert (cross.child_schema, cross.parent_schema, cross.parent_table) == ("sales", "public", "customers")
    # The key declared on the partitioned parent is not repeated for each partition.
    assert all(not r.child_table.startswith("events_") for r in snap.relationships)


def test_statistics_present_and_bounded(discovered):
    snap, _ = discovered
    customers = snap.table("customers")
    assert customers.row_estimate == 300 and customers.exact_row_count == 300
    assert customers.size_bytes > 0
    stats = customers.column("email").stats
    assert stats.sample_rows == 200  # bounded by sample_size, not by the table
    assert stats.null_fraction == 0.0 and stats.distinct_fraction == 1.0
    assert stats.min <= stats.max and len(stats.max) <= 64 and stats.avg_length > 5
    assert customers.column("tags").stats.min is None  # arrays have no useful order
    assert customers.column("preferences").stats.distinct_count > 0
    points = customers.column("loyalty_points").stats
    assert 0 <= int(points.min) <= int(points.max) <= 49
    assert snap.table("order_items").exact_row_count == 1200
    assert snap.table("events").column("kind").stats.sample_rows == 200
    assert snap.table("customer_emails").column("email").stats is None  # views are not sampled
    assert snap.table("events_2024").row_estimate > 0


def test_semantic_types_from_values_and_names(discovered):
    snap, _ = discovered
    customers = snap.table("customers")
    inferred = {c.name: c.inferred_type for c in customers.columns}
    assert inferred["c7"] == "email"  # obfuscated name, recognised by its values
    assert inferred["email"] == "email" and inferred["phone"] == "phone" and inferred["website"] == "url"
    assert inferred["external_ref"] == "uuid" and inferred["last_ip"] == "ip_address"
    assert inferred["preferences"] == "json" and inferred["first_name"] is None
    assert snap.table("orders").column("shipping_postcode").inferred_type == "postcode"
    assert snap.table("sales.staff").column("email").inferred_type == "email"


def test_progress_for_every_stage_except_saving(discovered):
    _, hooks = discovered
    stages = {e[0] for e in hooks.events}
    assert stages == set(STAGES) - {"save_metadata"}
    assert hooks.checks >= len([t for t in discovered[0].tables if t.kind != "view"])
    assert all("@" not in e[3] for e in hooks.events)  # no values in progress messages
