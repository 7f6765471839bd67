"""Alembic migrations of the metadata store (configured in code by tdm_metadata_store.migrate)."""
