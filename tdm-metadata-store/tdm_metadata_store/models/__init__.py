"""SQLAlchemy models of the metadata store; importing this package registers every table."""

from tdm_metadata_store.models.access import API_KEY_ROLES, ApiKey, AuditEntry
from tdm_metadata_store.models.base import NAMING_CONVENTION, Base
from tdm_metadata_store.models.connections import Connection, Environment, EphemeralSchema, Webhook
from tdm_metadata_store.models.datasets import (
    DATASET_SOURCE_TYPES,
    DATASET_STATUSES,
    ColumnLineage,
    DatasetMetadata,
    DatasetVersion,
    Lineage,
)
from tdm_metadata_store.models.jobs import FINAL_JOB_STATUSES, JOB_STATUSES, LOG_LEVELS, Job, JobLog
from tdm_metadata_store.models.masking import MaskingRuleSet, VaultToken
from tdm_metadata_store.models.pii import REVIEW_DECISIONS, PiiClassification, PiiReview
from tdm_metadata_store.models.schema import (
    VIRTUAL_RELATIONSHIP_KINDS,
    Column,
    Relationship,
    Schema,
    SchemaVersion,
    Table,
    VirtualRelationship,
)
from tdm_metadata_store.models.webhook_outbox import DELIVERY_SIGNING, DELIVERY_STATUSES, WebhookDelivery

metadata = Base.metadata

__all__ = [
    "API_KEY_ROLES",
    "DATASET_SOURCE_TYPES",
    "DATASET_STATUSES",
    "DELIVERY_SIGNING",
    "DELIVERY_STATUSES",
    "FINAL_JOB_STATUSES",
    "JOB_STATUSES",
    "LOG_LEVELS",
    "NAMING_CONVENTION",
    "REVIEW_DECISIONS",
    "VIRTUAL_RELATIONSHIP_KINDS",
    "ApiKey",
    "AuditEntry",
    "Base",
    "Column",
    "ColumnLineage",
    "Connection",
    "DatasetMetadata",
    "DatasetVersion",
    "Environment",
    "EphemeralSchema",
    "Job",
    "JobLog",
    "Lineage",
    "MaskingRuleSet",
    "PiiClassification",
    "PiiReview",
    "Relationship",
    "Schema",
    "SchemaVersion",
    "Table",
    "VaultToken",
    "VirtualRelationship",
    "Webhook",
    "WebhookDelivery",
    "metadata",
]
