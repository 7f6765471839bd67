"""Settings of the API gateway."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def _env_file() -> str | None:
    return os.environ.get("TDM_ENV_FILE") or None


class ApiSettings(BaseSettings):
    """How the API listens, what it accepts, and what it may fetch."""

    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    host: str = Field("127.0.0.1", validation_alias="TDM_API_HOST", description="Interface the API binds to.")
    port: int = Field(
        8000, ge=1, le=65535, validation_alias="TDM_API_PORT", description="TCP port of the API."
    )
    secret_key: SecretStr | None = Field(
        None,
        validation_alias="API_SECRET_KEY",
        description="Server secret that signs webhook payloads of environments without a webhook secret of their own.",
    )
    max_body_bytes: int = Field(
        10 * 1024 * 1024,
        ge=1024,
        validation_alias="TDM_API_MAX_BODY_BYTES",
        description="Largest request body accepted; larger bodies get 413.",
    )
    max_upload_bytes: int = Field(
        25 * 1024 * 1024,
        ge=1024,
        validation_alias="TDM_API_MAX_UPLOAD_BYTES",
        description="Largest multipart upload accepted (spec and test-case files).",
    )
    cors_origins: list[str] = Field(
        default_factory=list,
        validation_alias="TDM_API_CORS_ORIGINS",
        description="Origins allowed to call the API from a browser (JSON list); the portal is same-origin.",
    )
    ui_dist_dir: Path | None = Field(
        None,
        validation_alias="TDM_UI_DIST",
        description="Built portal to serve at / (defaults to tdm-ui/dist in a source checkout).",
    )
    public_url: str | None = Field(
        None,
        validation_alias="TDM_API_URL",
        description="URL clients use to reach this API (download links).",
    )


def get_settings() -> ApiSettings:
    """Read the API settings from the environment (and TDM_ENV_FILE, when set)."""
    return ApiSettings(_env_file=_env_file())  # type: ignore[call-arg]
