"""Settings of the subset engine: how many source connections export at once, and their memory."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class SubsetSettings(BaseSettings):
    """Extraction tuning, read from `TDM_SUBSET_*` environment variables."""

    model_config = SettingsConfigDict(env_prefix="TDM_SUBSET_", extra="ignore")

    workers: int = Field(
        2,
        ge=1,
        le=16,
        description=(
            "Source connections exporting tables at once, all reading one exported snapshot "
            "(like pg_dump -j); 1 exports on the key-set connection alone."
        ),
    )
    work_mem_mb: int = Field(
        64,
        ge=4,
        le=4096,
        description=(
            "work_mem of each extraction connection (SET LOCAL): key-set joins hash in memory "
            "instead of spilling to disk. The server's own default applies to nothing else."
        ),
    )


def get_settings() -> SubsetSettings:
    """Read the subset settings from the environment (never at import time)."""
    return SubsetSettings()
