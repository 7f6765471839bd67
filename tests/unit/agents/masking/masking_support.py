"""Shared builders for masking tests: a keyring, a context and a small schema with FKs."""

from __future__ import annotations

import base64

from tdm_agents.masking.context import MaskContext
from tdm_agents.masking.keys import MaskingKeyring, parse_masking_keys
from tdm_agents.masking.transformers.tokenize import InMemoryTokenSink
from tdm_metadata_store.snapshot import ColumnInfo, RelationshipInfo, SchemaSnapshot, TableInfo

KEY_A = base64.urlsafe_b64encode(bytes(range(32))).decode()
KEY_B = base64.urlsafe_b64encode(bytes(range(100, 140))).decode()


def keyring(active: str = "k1") -> MaskingKeyring:
    keys = parse_masking_keys(f"k1:{KEY_A},k2:{KEY_B}")
    return MaskingKeyring(keys=keys, active_key_id=active)


def context(active: str = "k1", pool: int = 256) -> MaskContext:
    return MaskContext(keyring=keyring(active), token_sink=InMemoryTokenSink(), fake_pool_size=pool)


def _col(name: str, category: str, nullable: bool = True) -> ColumnInfo:
    return ColumnInfo(name=name, data_type=category, type_category=category, nullable=nullable)


def shop_schema() -> SchemaSnapshot:
    """customers(id, email, name, pan, phone, dob) <- orders(customer_email FK, id, placed) <- lines."""
    customers = TableInfo(
        schema_name="public",
        name="customers",
        columns=[
            _col("id", "integer", False), _col("email", "string", False), _col("name", "string"),
            _col("pan", "string"), _col("phone", "string"), _col("dob", "date"), _col("notes", "json"),
        ],
        primary_key=["id"],
        unique_constraints=[{"name": "customers_email_key", "columns": ["email"]}],
    )  # fmt: skip
    orders = TableInfo(
        schema_name="public",
        name="orders",
        columns=[_col("id", "integer", False), _col("customer_email", "string"), _col("placed", "date")],
        primary_key=["id"],
    )
    audit = TableInfo(
        schema_name="public",
        name="audit",
        columns=[_col("id", "integer", False), _col("order_email", "string")],
        primary_key=["id"],
    )
    relationships = [
        RelationshipInfo(
            name="orders_customer_email_fkey", child_schema="public", child_table="orders",
            child_columns=["customer_email"], parent_schema="public", parent_table="customers",
            parent_columns=["email"],
        ),
        RelationshipInfo(
            name="audit_order_email_fkey", child_schema="public", child_table="audit",
            child_columns=["order_email"], parent_schema="public", parent_table="orders",
            parent_columns=["customer_email"], is_virtual=True,
        ),
    ]  # fmt: skip
    return SchemaSnapshot(tables=[customers, orders, audit], relationships=relationships)
