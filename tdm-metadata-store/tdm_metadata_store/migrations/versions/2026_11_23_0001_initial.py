"""Initial metadata store: schemas, PII, datasets, lineage, rules, jobs, access, environments.

Revision ID: 0001
Revises:
Create Date: 2026-11-23 18:43:33.796602
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    # gen_random_uuid() is built in from PostgreSQL 13; older servers get it from pgcrypto.
    server_version = op.get_bind().dialect.server_version_info or (0,)
    if server_version < (13,):
        op.execute("CREATE EXTENSION IF NOT EXISTS pgcrypto")
    op.create_table(
        "api_keys",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("key_prefix", sa.String(length=16), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.String(length=255), nullable=True),
        sa.CheckConstraint("role IN ('admin', 'operator', 'viewer')", name=op.f("ck_api_keys_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_keys_key_hash")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("actor", sa.String(length=255), nullable=False),
        sa.Column("api_key_id", sa.UUID(), nullable=True),
        sa.Column("action", sa.String(length=100), nullable=False),
        sa.Column("resource_type", sa.String(length=50), nullable=False),
        sa.Column("resource_id", sa.String(length=255), nullable=True),
        sa.Column("details", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_created_at"), "audit_log", ["created_at"], unique=False)
    op.create_table(
        "connections",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("type", sa.String(length=50), server_default=sa.text("'postgres'"), nullable=False),
        sa.Column("connection_string_encrypted", sa.Text(), nullable=False),
        sa.Column("host", sa.String(length=255), nullable=True),
        sa.Column("port", sa.Integer(), nullable=True),
        sa.Column("database", sa.String(length=255), nullable=True),
        sa.Column("username", sa.String(length=255), nullable=True),
        sa.Column("created_by", sa.String(length=255), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_connections")),
        sa.UniqueConstraint("name", name=op.f("uq_connections_name")),
    )
    op.create_table(
        "environments",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("connection_string_encrypted", sa.Text(), nullable=True),
        sa.Column(
            "config_json",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_environments")),
        sa.UniqueConstraint("name", name=op.f("uq_environments_name")),
    )
    op.create_table(
        "token_vault",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("key_id", sa.String(length=100), nullable=False),
        sa.Column("token", sa.Text(), nullable=False),
        sa.Column("value_encrypted", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_token_vault")),
        sa.UniqueConstraint("key_id", "token", name=op.f("uq_token_vault_key_id_token")),
    )
    op.create_table(
        "ephemeral_schemas",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("environment_id", sa.UUID(), nullable=False),
        sa.Column("schema_name", sa.String(length=255), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("dropped_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("job_id", sa.UUID(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["environment_id"],
            ["environments.id"],
            name=op.f("fk_ephemeral_schemas_environment_id_environments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ephemeral_schemas")),
    )
    op.create_index(
        op.f("ix_ephemeral_schemas_environment_id"), "ephemeral_schemas", ["environment_id"], unique=False
    )
    op.create_index(
        op.f("ix_ephemeral_schemas_expires_at"), "ephemeral_schemas", ["expires_at"], unique=False
    )
    op.create_table(
        "jobs",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("operation", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=30), server_default=sa.text("'queued'"), nullable=False),
        sa.Column(
            "request_json",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.Column("result_json", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("progress_json", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("api_key_id", sa.UUID(), nullable=True),
        sa.Column("user_id", sa.String(length=255), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("worker_id", sa.String(length=255), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("parent_job_id", sa.UUID(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancel_requested", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.CheckConstraint(
            "status IN ('queued', 'running', 'awaiting_approval', 'succeeded', 'failed', 'cancelled')",
            name=op.f("ck_jobs_status"),
        ),
        sa.ForeignKeyConstraint(
            ["api_key_id"], ["api_keys.id"], name=op.f("fk_jobs_api_key_id_api_keys"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["parent_job_id"], ["jobs.id"], name=op.f("fk_jobs_parent_job_id_jobs"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobs")),
    )
    op.create_index(op.f("ix_jobs_created_at"), "jobs", ["created_at"], unique=False)
    op.create_index(op.f("ix_jobs_operation"), "jobs", ["operation"], unique=False)
    op.create_index(op.f("ix_jobs_status"), "jobs", ["status"], unique=False)
    op.create_table(
        "schemas",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("source_connection_id", sa.UUID(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_connection_id"],
            ["connections.id"],
            name=op.f("fk_schemas_source_connection_id_connections"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schemas")),
        sa.UniqueConstraint(
            "name", "source_connection_id", name=op.f("uq_schemas_name_source_connection_id")
        ),
    )
    op.create_index(
        op.f("ix_schemas_source_connection_id"), "schemas", ["source_connection_id"], unique=False
    )
    op.create_table(
        "webhooks",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("environment_id", sa.UUID(), nullable=True),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("secret_encrypted", sa.Text(), nullable=True),
        sa.Column(
            "events", postgresql.ARRAY(sa.Text()), server_default=sa.text("'{}'::text[]"), nullable=False
        ),
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["environment_id"],
            ["environments.id"],
            name=op.f("fk_webhooks_environment_id_environments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhooks")),
    )
    op.create_index(op.f("ix_webhooks_environment_id"), "webhooks", ["environment_id"], unique=False)
    op.create_table(
        "job_logs",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("job_id", sa.UUID(), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("stage", sa.String(length=100), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("level IN ('debug', 'info', 'warning', 'error')", name=op.f("ck_job_logs_level")),
        sa.ForeignKeyConstraint(
            ["job_id"], ["jobs.id"], name=op.f("fk_job_logs_job_id_jobs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_logs")),
    )
    op.create_index("ix_job_logs_job_id_created_at", "job_logs", ["job_id", "created_at"], unique=False)
    op.create_table(
        "lineage",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("source_type", sa.String(length=50), nullable=False),
        sa.Column("source_id", sa.String(length=255), nullable=False),
        sa.Column("target_type", sa.String(length=50), nullable=False),
        sa.Column("target_id", sa.String(length=255), nullable=False),
        sa.Column("operation", sa.String(length=100), nullable=False),
        sa.Column("job_id", sa.UUID(), nullable=True),
        sa.Column("details", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"], ["jobs.id"], name=op.f("fk_lineage_job_id_jobs"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lineage")),
    )
    op.create_index("ix_lineage_source", "lineage", ["source_type", "source_id"], unique=False)
    op.create_index("ix_lineage_target", "lineage", ["target_type", "target_id"], unique=False)
    op.create_table(
        "pii_reviews",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("schema_id", sa.UUID(), nullable=False),
        sa.Column("schema_name", sa.String(length=255), nullable=False),
        sa.Column("table_name", sa.String(length=255), nullable=False),
        sa.Column("column_name", sa.String(length=255), nullable=False),
        sa.Column("data_type", sa.Text(), nullable=True),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("pii_type", sa.String(length=100), nullable=True),
        sa.Column("reviewer", sa.String(length=255), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "decision IN ('confirm', 'reject', 'change')", name=op.f("ck_pii_reviews_decision")
        ),
        sa.ForeignKeyConstraint(
            ["schema_id"], ["schemas.id"], name=op.f("fk_pii_reviews_schema_id_schemas"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pii_reviews")),
        sa.UniqueConstraint(
            "schema_id",
            "schema_name",
            "table_name",
            "column_name",
            name=op.f("uq_pii_reviews_schema_id_schema_name_table_name_column_name"),
        ),
    )
    op.create_table(
        "schema_versions",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("schema_id", sa.UUID(), nullable=False),
        sa.Column("version_number", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=20), server_default=sa.text("'active'"), nullable=False),
        sa.Column(
            "discovered_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.Column("job_id", sa.UUID(), nullable=True),
        sa.Column("snapshot_json", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("table_count", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("column_count", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.CheckConstraint(
            "status IN ('active', 'superseded', 'archived')", name=op.f("ck_schema_versions_status")
        ),
        sa.ForeignKeyConstraint(
            ["schema_id"],
            ["schemas.id"],
            name=op.f("fk_schema_versions_schema_id_schemas"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schema_versions")),
        sa.UniqueConstraint(
            "schema_id", "version_number", name=op.f("uq_schema_versions_schema_id_version_number")
        ),
    )
    op.create_index(op.f("ix_schema_versions_fingerprint"), "schema_versions", ["fingerprint"], unique=False)
    op.create_table(
        "virtual_relationships",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("schema_id", sa.UUID(), nullable=False),
        sa.Column("kind", sa.String(length=20), server_default=sa.text("'foreign_key'"), nullable=False),
        sa.Column("child_schema", sa.String(length=255), nullable=False),
        sa.Column("child_table", sa.String(length=255), nullable=False),
        sa.Column("child_columns", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("parent_schema", sa.String(length=255), nullable=True),
        sa.Column("parent_table", sa.String(length=255), nullable=True),
        sa.Column(
            "parent_columns",
            postgresql.ARRAY(sa.Text()),
            server_default=sa.text("'{}'::text[]"),
            nullable=False,
        ),
        sa.Column("created_by", sa.String(length=255), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "kind IN ('foreign_key', 'primary_key')", name=op.f("ck_virtual_relationships_kind")
        ),
        sa.ForeignKeyConstraint(
            ["schema_id"],
            ["schemas.id"],
            name=op.f("fk_virtual_relationships_schema_id_schemas"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_virtual_relationships")),
    )
    op.create_index(
        op.f("ix_virtual_relationships_schema_id"), "virtual_relationships", ["schema_id"], unique=False
    )
    op.create_table(
        "dataset_versions",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=True),
        sa.Column("schema_version_id", sa.UUID(), nullable=True),
        sa.Column("source_type", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), server_default=sa.text("'pending'"), nullable=False),
        sa.Column("path_prefix", sa.String(length=500), nullable=False),
        sa.Column("job_id", sa.UUID(), nullable=True),
        sa.Column("row_count", sa.BigInteger(), nullable=True),
        sa.Column("byte_size", sa.BigInteger(), nullable=True),
        sa.Column("created_by", sa.String(length=255), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("ready_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "source_type IN ('subset', 'masked', 'synthetic', 'imported')",
            name=op.f("ck_dataset_versions_source_type"),
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'writing', 'ready', 'failed', 'deleted')",
            name=op.f("ck_dataset_versions_status"),
        ),
        sa.ForeignKeyConstraint(
            ["schema_version_id"],
            ["schema_versions.id"],
            name=op.f("fk_dataset_versions_schema_version_id_schema_versions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dataset_versions")),
    )
    op.create_index(
        op.f("ix_dataset_versions_schema_version_id"), "dataset_versions", ["schema_version_id"], unique=False
    )
    op.create_index(
        op.f("ix_dataset_versions_source_type"), "dataset_versions", ["source_type"], unique=False
    )
    op.create_table(
        "masking_rules",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("schema_version_id", sa.UUID(), nullable=True),
        sa.Column("rules_json", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("created_by", sa.String(length=255), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["schema_version_id"],
            ["schema_versions.id"],
            name=op.f("fk_masking_rules_schema_version_id_schema_versions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_masking_rules")),
        sa.UniqueConstraint("name", "version", name=op.f("uq_masking_rules_name_version")),
    )
    op.create_index(
        op.f("ix_masking_rules_schema_version_id"), "masking_rules", ["schema_version_id"], unique=False
    )
    op.create_table(
        "pii_classification",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("schema_version_id", sa.UUID(), nullable=False),
        sa.Column("schema_name", sa.String(length=255), nullable=False),
        sa.Column("table_name", sa.String(length=255), nullable=False),
        sa.Column("column_name", sa.String(length=255), nullable=False),
        sa.Column("pii_type", sa.String(length=100), nullable=False),
        sa.Column("technique", sa.String(length=50), nullable=False),
        sa.Column("confidence", sa.Numeric(precision=4, scale=3), nullable=False),
        sa.Column("explanation", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "confidence >= 0 AND confidence <= 1", name=op.f("ck_pii_classification_confidence_range")
        ),
        sa.ForeignKeyConstraint(
            ["schema_version_id"],
            ["schema_versions.id"],
            name=op.f("fk_pii_classification_schema_version_id_schema_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pii_classification")),
        sa.UniqueConstraint(
            "schema_version_id",
            "schema_name",
            "table_name",
            "column_name",
            name=op.f("uq_pii_classification_schema_version_id_schema_name_table_name_column_name"),
        ),
    )
    op.create_table(
        "tables",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("schema_version_id", sa.UUID(), nullable=False),
        sa.Column("schema_name", sa.String(length=255), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("kind", sa.String(length=30), server_default=sa.text("'table'"), nullable=False),
        sa.Column("row_estimate", sa.BigInteger(), nullable=True),
        sa.Column("exact_row_count", sa.BigInteger(), nullable=True),
        sa.Column("size_bytes", sa.BigInteger(), nullable=True),
        sa.Column(
            "primary_key", postgresql.ARRAY(sa.Text()), server_default=sa.text("'{}'::text[]"), nullable=False
        ),
        sa.Column("partition_of", sa.String(length=511), nullable=True),
        sa.ForeignKeyConstraint(
            ["schema_version_id"],
            ["schema_versions.id"],
            name=op.f("fk_tables_schema_version_id_schema_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tables")),
        sa.UniqueConstraint(
            "schema_version_id",
            "schema_name",
            "name",
            name=op.f("uq_tables_schema_version_id_schema_name_name"),
        ),
    )
    op.create_table(
        "column_lineage",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("dataset_version_id", sa.UUID(), nullable=False),
        sa.Column("table_name", sa.String(length=255), nullable=False),
        sa.Column("column_name", sa.String(length=255), nullable=False),
        sa.Column("rule_type", sa.String(length=100), nullable=False),
        sa.Column("rule_set_id", sa.UUID(), nullable=True),
        sa.Column("rule_set_version", sa.Integer(), nullable=True),
        sa.Column("key_id", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["dataset_version_id"],
            ["dataset_versions.id"],
            name=op.f("fk_column_lineage_dataset_version_id_dataset_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_column_lineage")),
    )
    op.create_index(
        op.f("ix_column_lineage_dataset_version_id"), "column_lineage", ["dataset_version_id"], unique=False
    )
    op.create_table(
        "columns",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("table_id", sa.UUID(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("data_type", sa.Text(), nullable=False),
        sa.Column("udt_name", sa.String(length=255), nullable=True),
        sa.Column("type_category", sa.String(length=30), server_default=sa.text("'other'"), nullable=False),
        sa.Column("inferred_type", sa.String(length=100), nullable=True),
        sa.Column("nullable", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("ordinal_position", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("default", sa.Text(), nullable=True),
        sa.Column("stats_json", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.ForeignKeyConstraint(
            ["table_id"], ["tables.id"], name=op.f("fk_columns_table_id_tables"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_columns")),
        sa.UniqueConstraint("table_id", "name", name=op.f("uq_columns_table_id_name")),
    )
    op.create_table(
        "dataset_metadata",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("dataset_version_id", sa.UUID(), nullable=False),
        sa.Column("meta_key", sa.String(length=255), nullable=False),
        sa.Column("meta_value", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["dataset_version_id"],
            ["dataset_versions.id"],
            name=op.f("fk_dataset_metadata_dataset_version_id_dataset_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dataset_metadata")),
        sa.UniqueConstraint(
            "dataset_version_id", "meta_key", name=op.f("uq_dataset_metadata_dataset_version_id_meta_key")
        ),
    )
    op.create_table(
        "relationships",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("schema_version_id", sa.UUID(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=True),
        sa.Column("child_table_id", sa.UUID(), nullable=False),
        sa.Column("parent_table_id", sa.UUID(), nullable=False),
        sa.Column("child_columns", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("parent_columns", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("on_delete", sa.String(length=30), nullable=True),
        sa.Column("is_virtual", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_table_id"],
            ["tables.id"],
            name=op.f("fk_relationships_child_table_id_tables"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_table_id"],
            ["tables.id"],
            name=op.f("fk_relationships_parent_table_id_tables"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["schema_version_id"],
            ["schema_versions.id"],
            name=op.f("fk_relationships_schema_version_id_schema_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relationships")),
    )
    op.create_index(
        op.f("ix_relationships_child_table_id"), "relationships", ["child_table_id"], unique=False
    )
    op.create_index(
        op.f("ix_relationships_parent_table_id"), "relationships", ["parent_table_id"], unique=False
    )
    op.create_index(
        op.f("ix_relationships_schema_version_id"), "relationships", ["schema_version_id"], unique=False
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index(op.f("ix_relationships_schema_version_id"), table_name="relationships")
    op.drop_index(op.f("ix_relationships_parent_table_id"), table_name="relationships")
    op.drop_index(op.f("ix_relationships_child_table_id"), table_name="relationships")
    op.drop_table("relationships")
    op.drop_table("dataset_metadata")
    op.drop_table("columns")
    op.drop_index(op.f("ix_column_lineage_dataset_version_id"), table_name="column_lineage")
    op.drop_table("column_lineage")
    op.drop_table("tables")
    op.drop_table("pii_classification")
    op.drop_index(op.f("ix_masking_rules_schema_version_id"), table_name="masking_rules")
    op.drop_table("masking_rules")
    op.drop_index(op.f("ix_dataset_versions_source_type"), table_name="dataset_versions")
    op.drop_index(op.f("ix_dataset_versions_schema_version_id"), table_name="dataset_versions")
    op.drop_table("dataset_versions")
    op.drop_index(op.f("ix_virtual_relationships_schema_id"), table_name="virtual_relationships")
    op.drop_table("virtual_relationships")
    op.drop_index(op.f("ix_schema_versions_fingerprint"), table_name="schema_versions")
    op.drop_table("schema_versions")
    op.drop_table("pii_reviews")
    op.drop_index("ix_lineage_target", table_name="lineage")
    op.drop_index("ix_lineage_source", table_name="lineage")
    op.drop_table("lineage")
    op.drop_index("ix_job_logs_job_id_created_at", table_name="job_logs")
    op.drop_table("job_logs")
    op.drop_index(op.f("ix_webhooks_environment_id"), table_name="webhooks")
    op.drop_table("webhooks")
    op.drop_index(op.f("ix_schemas_source_connection_id"), table_name="schemas")
    op.drop_table("schemas")
    op.drop_index(op.f("ix_jobs_status"), table_name="jobs")
    op.drop_index(op.f("ix_jobs_operation"), table_name="jobs")
    op.drop_index(op.f("ix_jobs_created_at"), table_name="jobs")
    op.drop_table("jobs")
    op.drop_index(op.f("ix_ephemeral_schemas_expires_at"), table_name="ephemeral_schemas")
    op.drop_index(op.f("ix_ephemeral_schemas_environment_id"), table_name="ephemeral_schemas")
    op.drop_table("ephemeral_schemas")
    op.drop_table("token_vault")
    op.drop_table("environments")
    op.drop_table("connections")
    op.drop_index(op.f("ix_audit_log_created_at"), table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_table("api_keys")
