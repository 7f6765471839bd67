"""Settings of the embedded stack (`tdm up`, `tdm down`, `tdm status`)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_home() -> Path:
    return Path.home() / ".tdm"


class StackSettings(BaseSettings):
    """Where the embedded stack lives and what it runs."""

    model_config = SettingsConfigDict(env_prefix="TDM_", extra="ignore")

    home: Path = Field(
        default_factory=_default_home,
        description="Directory of the embedded stack: PostgreSQL and Redis data, datasets, logs, secrets.",
    )
    workers: int = Field(
        default=1, ge=0, le=64, description="Number of orchestrator workers `tdm up` starts."
    )
    env_file: Path | None = Field(
        default=None,
        description="Dotenv file every package's settings read; the `tdm` command sets it to "
        "`$TDM_HOME/tdm.env` when that file exists and the variable is unset.",
    )


def get_settings() -> StackSettings:
    """The stack settings from the environment, built on each call (never at import time)."""
    return StackSettings()
