"""Settings of the dataset store (pydantic-settings; built on demand, never at import time)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_MIN_PART_SIZE = 5 * 1024 * 1024  # S3's minimum size of every multipart part but the last


def _env(name: str, field_name: str) -> AliasChoices:
    """Accept the environment name and, for explicit construction, the field name."""
    return AliasChoices(name, field_name)


class DatasetStoreSettings(BaseSettings):
    """Where dataset versions are stored: a local directory or an S3-compatible bucket."""

    # Errors name the setting but never echo its value: it may hold a credential.
    model_config = SettingsConfigDict(
        extra="ignore", populate_by_name=True, case_sensitive=False, hide_input_in_errors=True
    )

    backend: Literal["local", "s3"] = Field(
        default="local",
        validation_alias=_env("TDM_DATASET_BACKEND", "backend"),
        description="Storage backend: 'local' (a directory) or 's3' (MinIO, AWS S3 or compatible)",
    )
    tdm_home: Path = Field(
        default=Path("~/.tdm"),
        validation_alias=_env("TDM_HOME", "tdm_home"),
        description="Data directory of the embedded stack; the local backend defaults to <TDM_HOME>/datasets",
    )
    local_dir: Path | None = Field(
        default=None,
        validation_alias=_env("TDM_DATASET_DIR", "local_dir"),
        description="Directory of the local backend (default <TDM_HOME>/datasets)",
    )
    minio_endpoint: str | None = Field(
        default=None,
        validation_alias=_env("MINIO_ENDPOINT", "minio_endpoint"),
        description="S3 endpoint as host:port or URL; unset means AWS S3's regional endpoint",
    )
    minio_access_key: str | None = Field(
        default=None,
        validation_alias=_env("MINIO_ACCESS_KEY", "minio_access_key"),
        description="S3 access key id; unset means boto3's default credential chain",
    )
    minio_secret_key: SecretStr | None = Field(
        default=None,
        validation_alias=_env("MINIO_SECRET_KEY", "minio_secret_key"),
        description="S3 secret access key (never logged)",
    )
    minio_bucket: str = Field(
        default="tdm-datasets",
        min_length=3,
        max_length=63,
        pattern=r"^[a-z0-9][a-z0-9.\-]*[a-z0-9]$",
        validation_alias=_env("MINIO_BUCKET", "minio_bucket"),
        description="Bucket holding the datasets/ prefix",
    )
    minio_region: str = Field(
        default="us-east-1",
        validation_alias=_env("MINIO_REGION", "minio_region"),
        description="S3 region (MinIO accepts any; AWS needs the bucket's region)",
    )
    minio_secure: bool = Field(
        default=False,
        validation_alias=_env("MINIO_SECURE", "minio_secure"),
        description="Use https when MINIO_ENDPOINT is given as host:port without a scheme",
    )
    minio_create_bucket: bool = Field(
        default=True,
        validation_alias=_env("MINIO_CREATE_BUCKET", "minio_create_bucket"),
        description="Create the bucket on first use when it does not exist",
    )
    s3_addressing_style: Literal["path", "virtual", "auto"] = Field(
        default="path",
        validation_alias=_env("TDM_S3_ADDRESSING_STYLE", "s3_addressing_style"),
        description="Bucket addressing in URLs; MinIO needs 'path'",
    )
    s3_max_attempts: int = Field(
        default=5,
        ge=1,
        le=20,
        validation_alias=_env("TDM_S3_MAX_ATTEMPTS", "s3_max_attempts"),
        description="Attempts per S3 request (botocore 'standard' retry mode, with backoff)",
    )
    part_size: int = Field(
        default=8 * 1024 * 1024,
        ge=_MIN_PART_SIZE,
        le=5 * 1024**3,
        validation_alias=_env("TDM_DATASET_PART_SIZE", "part_size"),
        description="Multipart upload part size in bytes: the upload buffer, so it bounds write memory",
    )

    @field_validator("minio_endpoint")
    @classmethod
    def _endpoint_has_host(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip()
        candidate = value if "://" in value else f"http://{value}"
        parts = urlsplit(candidate)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("must be host:port or an http(s) URL")
        if parts.username or parts.password:
            raise ValueError("must not embed credentials; use MINIO_ACCESS_KEY and MINIO_SECRET_KEY")
        return value

    @model_validator(mode="after")
    def _default_local_dir(self) -> DatasetStoreSettings:
        if self.local_dir is None:
            self.local_dir = self.tdm_home / "datasets"
        self.local_dir = self.local_dir.expanduser()
        return self

    @property
    def endpoint_url(self) -> str | None:
        """MINIO_ENDPOINT as a URL (scheme from MINIO_SECURE when only host:port is given)."""
        if self.minio_endpoint is None:
            return None
        if "://" in self.minio_endpoint:
            return self.minio_endpoint
        scheme = "https" if self.minio_secure else "http"
        return f"{scheme}://{self.minio_endpoint}"

    @property
    def local_root(self) -> Path:
        """Directory of the local backend (resolved default)."""
        assert self.local_dir is not None  # set by the validator
        return self.local_dir


def get_settings() -> DatasetStoreSettings:
    """Read the settings from the environment and, if TDM_ENV_FILE names one, an env file."""
    env_file = os.environ.get("TDM_ENV_FILE")
    return DatasetStoreSettings(_env_file=env_file or None)  # type: ignore[call-arg]
