"""Settings of the metadata store: where the database is and which keys encrypt secrets at rest."""

from __future__ import annotations

import os
from urllib.parse import unquote

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

ENV_FILE_VARIABLE = "TDM_ENV_FILE"


def normalize_database_url(url: str) -> str:
    """Return the URL with the psycopg 3 driver; refuse anything that is not PostgreSQL."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ValueError("must be a postgresql:// URL") from exc
    if parsed.get_backend_name() != "postgresql":
        raise ValueError("must be a postgresql:// URL")
    host = unquote(parsed.host or "")
    if host.startswith("/"):
        # libpq reads a percent-encoded socket directory in the host part; SQLAlchemy would look it
        # up as a host name, so it moves to the `host` query parameter (the other form libpq reads).
        parsed = parsed._replace(host=None).update_query_dict({"host": host})
    return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


class MetadataStoreSettings(BaseSettings):
    """Configuration of the metadata store, read from the environment (and an optional env file)."""

    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    database_url: str = Field(
        validation_alias="DATABASE_URL",
        description="PostgreSQL URL of the metadata store, e.g. postgresql://user:pass@host:5432/tdm.",
    )
    encryption_keys: SecretStr | None = Field(
        default=None,
        validation_alias="TDM_ENCRYPTION_KEYS",
        description="Comma-separated Fernet keys that encrypt secrets at rest; the first one encrypts, "
        "all of them decrypt (rotation: put a new key first).",
    )
    pool_size: int = Field(
        default=5, ge=1, validation_alias="TDM_DB_POOL_SIZE", description="Connections kept in the pool."
    )
    max_overflow: int = Field(
        default=10,
        ge=0,
        validation_alias="TDM_DB_MAX_OVERFLOW",
        description="Extra connections opened beyond the pool under load.",
    )

    @field_validator("database_url")
    @classmethod
    def _postgresql_only(cls, value: str) -> str:
        return normalize_database_url(value)

    def encryption_key_list(self) -> list[str]:
        """The configured Fernet keys, primary first; empty when none is configured."""
        if self.encryption_keys is None:
            return []
        raw = self.encryption_keys.get_secret_value()
        return [key.strip() for key in raw.split(",") if key.strip()]


def get_settings() -> MetadataStoreSettings:
    """Read the settings now (never at import time), including the file named by TDM_ENV_FILE."""
    env_file = os.environ.get(ENV_FILE_VARIABLE) or None
    return MetadataStoreSettings(_env_file=env_file)  # type: ignore[call-arg]
