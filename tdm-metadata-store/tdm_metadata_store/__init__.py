"""The metadata store: PostgreSQL models, Alembic migrations and repositories of the TDM platform.

Entry points: `settings.get_settings()`, `db.make_engine` / `make_session_factory` / `unit_of_work`,
`migrate.upgrade`, `crypto.SecretBox`, and the repositories in `tdm_metadata_store.repositories`.
"""
