"""First-start work of the embedded stack: the metadata database, its migrations and `tdm.env`."""

from __future__ import annotations

from collections.abc import Mapping

from tdm_api.stack.embedded_postgres import EmbeddedPostgres
from tdm_api.stack.env_files import write_env_file
from tdm_api.stack.home import METADATA_DATABASE, StackHome


def prepare_metadata_database(postgres: EmbeddedPostgres) -> str:
    """Create the metadata database if it is new and migrate it to the newest revision; returns its URL."""
    # Imported here: the CLI must start (and `tdm --help` answer) without loading Alembic and models.
    from tdm_metadata_store.migrate import upgrade

    url = postgres.create_database(METADATA_DATABASE)
    upgrade(url)
    return url


def ensure_admin_key(database_url: str) -> str | None:
    """Create the first admin API key when `api_keys` exists and holds no active admin key.

    Returns the plaintext key, which exists only in this return value (the store keeps its hash),
    so the caller shows it once; returns None when an admin key already exists.
    """
    from sqlalchemy import inspect

    from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
    from tdm_metadata_store.repositories import ApiKeyRepository

    engine = make_engine(database_url)
    try:
        if not inspect(engine).has_table("api_keys"):
            return None
        with unit_of_work(make_session_factory(engine)) as session:
            keys = ApiKeyRepository(session)
            if keys.count_active(role="admin"):
                return None
            _, plaintext = keys.create(name="admin", role="admin", created_by="tdm up")
        return plaintext
    finally:
        engine.dispose()


def stack_environment(home: StackHome, database_url: str, redis_url: str, api_url: str) -> dict[str, str]:
    """The settings that point every package at this stack (the content of `tdm.env`)."""
    return {
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "TDM_DATASET_BACKEND": "local",
        "TDM_DATASET_DIR": str(home.datasets_dir),
        "TDM_API_URL": api_url,
    }


def write_stack_env_file(home: StackHome, values: Mapping[str, str]) -> None:
    """Write `$TDM_HOME/tdm.env`, which `tdm` commands read once the stack is up."""
    header = (
        "Settings of the embedded TDM stack, written by `tdm up`.\n"
        "Secrets are in secrets.env beside this file; the URLs carry the servers' passwords."
    )
    write_env_file(home.env_file, values, mode=0o600, header=header)
