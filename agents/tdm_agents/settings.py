"""Settings shared by the agents: the optional LLM (Azure OpenAI or an OpenAI-compatible endpoint).

Environment names follow the deployment plan (`AZURE_OPENAI_*`), plus `OPENAI_*` for any
OpenAI-compatible server and `LLM_MAX_CALLS_PER_JOB`. Nothing is read at import time: call
`get_settings()` (or construct `LlmSettings` explicitly in tests).
"""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class LlmSettings(BaseSettings):
    """Where the agents' LLM lives, if anywhere; without credentials every agent runs deterministically."""

    model_config = SettingsConfigDict(env_prefix="", extra="ignore", populate_by_name=True)

    azure_openai_api_key: SecretStr | None = Field(
        None, validation_alias="AZURE_OPENAI_API_KEY", description="API key of the Azure OpenAI resource"
    )
    azure_openai_endpoint: str | None = Field(
        None,
        validation_alias="AZURE_OPENAI_ENDPOINT",
        description="Azure OpenAI endpoint, e.g. https://<resource>.openai.azure.com/",
    )
    azure_openai_deployment: str | None = Field(
        None, validation_alias="AZURE_OPENAI_DEPLOYMENT", description="Chat deployment name, e.g. gpt-4o-mini"
    )
    azure_openai_api_version: str = Field(
        "2024-10-21", validation_alias="AZURE_OPENAI_API_VERSION", description="Azure OpenAI REST API version"
    )
    openai_base_url: str | None = Field(
        None, validation_alias="OPENAI_BASE_URL", description="Base URL of an OpenAI-compatible chat endpoint"
    )
    openai_api_key: SecretStr | None = Field(
        None, validation_alias="OPENAI_API_KEY", description="API key for the OpenAI-compatible endpoint"
    )
    openai_model: str | None = Field(
        None, validation_alias="OPENAI_MODEL", description="Model name at the OpenAI-compatible endpoint"
    )
    llm_max_calls_per_job: int = Field(
        50, ge=0, validation_alias="LLM_MAX_CALLS_PER_JOB", description="Most LLM requests one job may make"
    )
    llm_max_retries: int = Field(
        3, ge=1, validation_alias="LLM_MAX_RETRIES", description="Attempts per LLM request before giving up"
    )
    llm_timeout_seconds: float = Field(
        30.0, gt=0, validation_alias="LLM_TIMEOUT_SECONDS", description="Timeout of one LLM request"
    )

    @property
    def azure_configured(self) -> bool:
        """True when key, endpoint and deployment for Azure OpenAI are all set."""
        return bool(self.azure_openai_api_key and self.azure_openai_endpoint and self.azure_openai_deployment)

    @property
    def openai_compatible_configured(self) -> bool:
        """True when an OpenAI-compatible endpoint, its key and a model are all set."""
        return bool(self.openai_base_url and self.openai_model and self.openai_api_key)


def get_settings() -> LlmSettings:
    """Read the agents' settings from the environment (each call reads afresh)."""
    return LlmSettings()
