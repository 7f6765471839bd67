"""Settings of the cache: where Redis is and how the client treats a flaky connection."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_FILE_VARIABLE = "TDM_ENV_FILE"
REDIS_SCHEMES = frozenset({"redis", "rediss", "unix"})


def validate_redis_url(url: str) -> str:
    """Return `url` unchanged if redis-py can connect with it; raise ValueError otherwise.

    The message never repeats the URL, since it may carry a password.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port  # parsing the port raises on a non-numeric one
    except ValueError as exc:
        raise ValueError("must be a redis://, rediss:// or unix:// URL") from exc
    if parts.scheme not in REDIS_SCHEMES:
        raise ValueError("must be a redis://, rediss:// or unix:// URL")
    if parts.scheme == "unix":
        if not parts.path:
            raise ValueError("a unix:// URL needs the socket path")
        return url.strip()
    if not parts.hostname:
        raise ValueError("needs a host, e.g. redis://localhost:6379/0")
    if port is not None and not 0 < port < 65536:
        raise ValueError("port must be between 1 and 65535")
    database = parts.path.lstrip("/")
    if database and not database.isdigit():
        raise ValueError("the path must be a database number, e.g. /0")
    return url.strip()


def redact_redis_url(url: str) -> str:
    """The URL with any password replaced by `***`, safe to print or log."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


class CacheSettings(BaseSettings):
    """Configuration of the cache, read from the environment (and an optional env file)."""

    # hide_input_in_errors: a malformed REDIS_URL may still carry a password.
    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True, hide_input_in_errors=True)

    redis_url: str = Field(
        default="redis://localhost:6379/0",
        validation_alias="REDIS_URL",
        description="Redis URL for the job queue, job events, locks and cache entries, "
        "e.g. redis://:password@host:6379/0 (rediss:// for TLS).",
    )
    health_check_interval_s: int = Field(
        default=30,
        ge=0,
        validation_alias="TDM_REDIS_HEALTH_CHECK_INTERVAL",
        description="Seconds a pooled connection may sit idle before it is pinged before use (0 = never).",
    )
    connection_retries: int = Field(
        default=5,
        ge=0,
        validation_alias="TDM_REDIS_RETRIES",
        description="Times a command is retried, with exponential backoff, after a connection error.",
    )

    @field_validator("redis_url")
    @classmethod
    def _redis_url_is_valid(cls, value: str) -> str:
        return validate_redis_url(value)

    def redacted_url(self) -> str:
        """The Redis URL without its password, for status output and logs."""
        return redact_redis_url(self.redis_url)


def get_settings() -> CacheSettings:
    """Read the settings now (never at import time), including the file named by TDM_ENV_FILE."""
    env_file = os.environ.get(ENV_FILE_VARIABLE) or None
    return CacheSettings(_env_file=env_file)  # type: ignore[call-arg]
