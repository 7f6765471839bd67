"""Settings of the synthetic data engine and its schema sources, read from `TDM_*` variables.

Nothing is read at import time: call `get_settings()` or construct `SyntheticSettings` in tests.
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class SyntheticSettings(BaseSettings):
    """Limits and tuning of synthetic generation, OpenAPI parsing and the UI crawler."""

    model_config = SettingsConfigDict(env_prefix="TDM_", extra="ignore")

    synthetic_max_rows: int = Field(
        default=50_000_000, ge=1, description="Most rows one generation request may produce over all tables"
    )
    synthetic_batch_rows: int = Field(
        default=100_000, ge=1_000, le=2_000_000, description="Rows per Arrow record batch handed to the sink"
    )
    synthetic_pool_size: int = Field(
        default=10_000,
        ge=100,
        le=200_000,
        description="Faker values generated once per semantic type; rows draw from the pool by index",
    )
    synthetic_default_rows: int = Field(
        default=1_000, ge=1, description="Rows of a root entity that the request gives no count for"
    )
    synthetic_validation_sample_rows: int = Field(
        default=10_000, ge=100, description="Rows per table kept to compare with training data"
    )
    spec_max_bytes: int = Field(
        default=5_000_000, ge=1_000, description="Largest OpenAPI/Swagger document accepted, in bytes"
    )
    spec_max_depth: int = Field(
        default=32, ge=2, le=200, description="Deepest nesting of schemas followed in an OpenAPI document"
    )
    crawl_allow_private: bool = Field(
        default=False,
        description="Allow the UI crawler to fetch private, loopback, link-local and metadata addresses",
    )
    crawl_allowed_hosts: str = Field(
        default="",
        description="Comma-separated host names or IP addresses the crawler may fetch even if private",
    )
    crawl_max_pages: int = Field(default=20, ge=1, le=500, description="Most pages one crawl visits")
    crawl_max_depth: int = Field(
        default=2, ge=0, le=10, description="Most same-origin link hops from a start URL"
    )
    crawl_page_timeout_seconds: float = Field(
        default=15.0, gt=0, le=120, description="Timeout of one page load (navigation and DOM walk)"
    )

    @property
    def allowed_hosts(self) -> frozenset[str]:
        """The allow-list as lower-case host names."""
        return frozenset(h.strip().lower() for h in self.crawl_allowed_hosts.split(",") if h.strip())


def get_settings() -> SyntheticSettings:
    """Read the synthetic engine's settings from the environment (each call reads afresh)."""
    return SyntheticSettings()
