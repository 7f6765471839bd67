"""Settings of the orchestrator workers."""

from __future__ import annotations

import os

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class OrchestratorSettings(BaseSettings):
    """How workers claim, heartbeat, reclaim and give up on jobs."""

    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    concurrency: int = Field(
        2,
        ge=1,
        le=64,
        validation_alias="TDM_WORKER_CONCURRENCY",
        description="Jobs one worker process runs at once.",
    )
    heartbeat_s: float = Field(
        5.0,
        gt=0,
        validation_alias="TDM_WORKER_HEARTBEAT_S",
        description="How often a worker tells Redis and PostgreSQL it is alive.",
    )
    stale_after_s: float = Field(
        30.0,
        gt=0,
        validation_alias="TDM_WORKER_STALE_AFTER_S",
        description="A job not heartbeaten for this long is taken over by another worker.",
    )
    max_attempts: int = Field(
        3,
        ge=1,
        validation_alias="TDM_JOB_MAX_ATTEMPTS",
        description="Deliveries of one job before it is failed (a job that kills workers).",
    )
    requeue_interval_s: float = Field(
        30.0,
        gt=0,
        validation_alias="TDM_WORKER_REQUEUE_INTERVAL_S",
        description="How often a worker re-enqueues queued jobs missing from Redis.",
    )
    requeue_grace_s: float = Field(
        10.0,
        ge=0,
        validation_alias="TDM_WORKER_REQUEUE_GRACE_S",
        description="A queued job younger than this is left to its enqueuer.",
    )
    log_level: str = Field(
        "INFO",
        pattern="^(?i)(debug|info|warning|error)$",
        validation_alias="LOG_LEVEL",
        description="Log level of workers and the API: debug, info, warning or error.",
    )
    ephemeral_sweep_interval_s: float = Field(
        300.0,
        gt=0,
        validation_alias="TDM_WORKER_SWEEP_INTERVAL_S",
        description="How often expired ephemeral schemas are dropped.",
    )
    orphan_sweep_interval_s: float = Field(
        300.0,
        gt=0,
        validation_alias="TDM_WORKER_ORPHAN_SWEEP_INTERVAL_S",
        description="How often dataset-store files of failed, deleted or row-less versions are removed.",
    )
    orphan_grace_s: float = Field(
        3600.0,
        ge=0,
        validation_alias="TDM_WORKER_ORPHAN_GRACE_S",
        description="Files without a catalog row are kept this long before removal.",
    )
    webhook_allow_private: bool = Field(
        False,
        validation_alias="TDM_WEBHOOK_ALLOW_PRIVATE",
        description="Allow job webhooks to private, loopback, link-local and metadata addresses (a closed "
        "network whose receivers are internal); checked by the API and at every delivery.",
    )
    webhook_allowed_hosts: str = Field(
        "",
        validation_alias="TDM_WEBHOOK_ALLOWED_HOSTS",
        description="Comma-separated host names or IP addresses job webhooks may be sent to even if private.",
    )
    webhook_max_attempts: int = Field(
        8,
        ge=1,
        le=50,
        validation_alias="TDM_WEBHOOK_MAX_ATTEMPTS",
        description="POSTs of one webhook delivery before it is given up and marked dead.",
    )
    webhook_first_backoff_s: float = Field(
        1.0,
        gt=0,
        validation_alias="TDM_WEBHOOK_FIRST_BACKOFF_S",
        description="Wait before the second POST of a delivery; each further wait doubles.",
    )
    webhook_max_backoff_s: float = Field(
        120.0,
        gt=0,
        validation_alias="TDM_WEBHOOK_MAX_BACKOFF_S",
        description="Longest wait between two POSTs of a delivery.",
    )
    webhook_timeout_s: float = Field(
        10.0,
        gt=0,
        validation_alias="TDM_WEBHOOK_TIMEOUT_S",
        description="How long one webhook POST may take.",
    )
    webhook_lease_s: float = Field(
        30.0,
        gt=0,
        validation_alias="TDM_WEBHOOK_LEASE_S",
        description="A delivery a sender claimed stays hidden from other senders this long past its next "
        "expected POST; a dead worker's deliveries are taken over after it.",
    )
    webhook_senders: int = Field(
        2,
        ge=1,
        le=32,
        validation_alias="TDM_WEBHOOK_SENDERS",
        description="Threads per worker sending webhook deliveries from the outbox.",
    )
    webhook_poll_s: float = Field(
        5.0,
        gt=0,
        validation_alias="TDM_WEBHOOK_POLL_S",
        description=(
            "How often an idle sender looks for due webhook deliveries; a worker's own finished jobs"
            " wake its senders at once, so this bounds only how soon another worker's deliveries are"
            " taken over."
        ),
    )


def get_settings() -> OrchestratorSettings:
    return OrchestratorSettings(_env_file=os.environ.get("TDM_ENV_FILE") or None)  # type: ignore[call-arg]
