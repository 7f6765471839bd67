"""Workflow templates, executions and their per-step status."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

WebhookEvent = Literal["tdm.job.completed"]
WEBHOOK_EVENTS: tuple[WebhookEvent, ...] = ("tdm.job.completed",)
StepName = Literal[
    "discover_schema", "pii_classification", "subsetting", "masking", "synthetic", "provisioning"
]


class WorkflowTemplate(BaseModel):
    name: str
    title: str
    description: str
    steps: list[str]
    requires: list[str]
    defaults: dict[str, Any]


class WorkflowExecute(BaseModel):
    """Run a template (or a custom list of steps) with overrides, field by field."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "template": "full_workflow",
                    "overrides": {
                        "connection_id": "0b0b5a8e-7a1c-4c55-9d36-3f1f0d8a9d10",
                        "target_env": "QA",
                        "subset": {"root_table": "customers", "sampling_pct": 10},
                        "approve_pii": False,
                    },
                }
            ]
        },
    )

    template: str = Field("full_workflow", description="A name from GET /workflow/templates")
    overrides: dict[str, Any] = Field(
        default_factory=dict, description="Fields that replace the template's defaults (nested per step)"
    )
    steps: list[StepName] | None = Field(None, description="Run only these steps (pipeline order is kept)")


class WorkflowStep(BaseModel):
    name: str
    status: Literal["pending", "running", "waiting", "succeeded", "failed", "cancelled", "skipped"]
    outputs: dict[str, Any] = Field(default_factory=dict)
    started_at: datetime | None = None
    finished_at: datetime | None = None
    error: str | None = None


class WorkflowStatus(BaseModel):
    job_id: uuid.UUID
    template: str | None
    status: str
    steps: list[WorkflowStep]
    error: str | None = None
    result: Any = None
    created_at: datetime | None = None
    finished_at: datetime | None = None


class ResumeRequest(BaseModel):
    """The answer to a job paused for PII approval."""

    model_config = ConfigDict(extra="forbid")

    approved: bool
    reason: str | None = Field(None, max_length=2000)
    reviews: list[dict[str, Any]] = Field(
        default_factory=list,
        max_length=10_000,
        description="PII review decisions, as in PUT /pii/{schema_version_id}",
    )


class WebhookCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(pattern=r"^https?://", max_length=2000)
    secret: str | None = Field(None, min_length=16, max_length=200, description="HMAC-SHA256 signing secret")
    environment: str | None = Field(None, description="Only jobs provisioning into this environment (name)")
    events: list[WebhookEvent] = Field(default_factory=lambda: list(WEBHOOK_EVENTS))


class WebhookOut(BaseModel):
    id: uuid.UUID
    url: str
    environment_id: uuid.UUID | None
    events: list[str]
    active: bool
    has_secret: bool
    created_at: datetime | None = None
