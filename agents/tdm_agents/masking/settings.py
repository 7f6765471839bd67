"""Settings of the masking engine: which keys exist and which one masks new data."""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class MaskingSettings(BaseSettings):
    """Masking keys and tuning, read from `TDM_MASKING_*` environment variables."""

    model_config = SettingsConfigDict(env_prefix="TDM_MASKING_", extra="ignore")

    keys: SecretStr | None = Field(
        None,
        description=(
            "Comma-separated key list `kid1:<urlsafe-base64 key>,kid2:...`; each key at least 32 bytes. "
            "Rotation adds a new key id; old ids stay so earlier tokens can still be resolved."
        ),
    )
    active_key: str | None = Field(
        None, description="Key id that masks new data; defaults to the first key of `keys`."
    )
    fake_pool_size: int = Field(
        4096,
        ge=16,
        le=1_000_000,
        description="Fake values generated once per (locale, kind); rows pick from the pool by keyed hash.",
    )


def get_settings() -> MaskingSettings:
    """Read the masking settings from the environment (never at import time)."""
    return MaskingSettings()
