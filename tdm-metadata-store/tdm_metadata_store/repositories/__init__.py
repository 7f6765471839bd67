"""Repositories: all SQL of the metadata store. They take a Session, flush, and never commit."""

from tdm_metadata_store.repositories.api_keys import ApiKeyRepository, generate_api_key, hash_api_key
from tdm_metadata_store.repositories.audit import AuditRepository
from tdm_metadata_store.repositories.base import DuplicateRecordError, RecordNotFoundError
from tdm_metadata_store.repositories.connections import ConnectionRepository, display_url
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_metadata_store.repositories.environments import EnvironmentRepository
from tdm_metadata_store.repositories.ephemeral_schemas import EphemeralSchemaRepository
from tdm_metadata_store.repositories.jobs import JobRepository
from tdm_metadata_store.repositories.lineage import ColumnLineageEntry, LineageRepository
from tdm_metadata_store.repositories.masking_rules import MaskingRuleRepository
from tdm_metadata_store.repositories.pii import PiiFinding, PiiRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository, apply_virtual_relationships
from tdm_metadata_store.repositories.token_vault import TokenVaultRepository
from tdm_metadata_store.repositories.webhook_deliveries import WebhookDeliveryRepository
from tdm_metadata_store.repositories.webhooks import WebhookRepository

__all__ = [
    "ApiKeyRepository",
    "AuditRepository",
    "ColumnLineageEntry",
    "ConnectionRepository",
    "DatasetRepository",
    "DuplicateRecordError",
    "EnvironmentRepository",
    "EphemeralSchemaRepository",
    "JobRepository",
    "LineageRepository",
    "MaskingRuleRepository",
    "PiiFinding",
    "PiiRepository",
    "RecordNotFoundError",
    "SchemaRepository",
    "TokenVaultRepository",
    "WebhookDeliveryRepository",
    "WebhookRepository",
    "apply_virtual_relationships",
    "display_url",
    "generate_api_key",
    "hash_api_key",
]
