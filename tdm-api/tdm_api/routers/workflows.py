"""Workflow templates, composite executions with per-step status, approval, and webhooks."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, status

from tdm_api.dependencies import Admin, Operator, RuntimeDep, UowDep, Viewer, audit, parse_uuid, secret_box
from tdm_api.errors import Conflict, Invalid, NotFound
from tdm_api.models.common import BIGINT_MAX, PROBLEM_RESPONSES, JobAccepted
from tdm_api.models.jobs import JobOut
from tdm_api.models.workflows import (
    ResumeRequest,
    WebhookCreate,
    WebhookOut,
    WorkflowExecute,
    WorkflowStatus,
    WorkflowStep,
    WorkflowTemplate,
)
from tdm_api.routers.jobs import job_out
from tdm_api.services.masking_inputs import normalized_rules
from tdm_api.services.orchestrator_client import submit_job
from tdm_api.services.webhook_urls import check_webhook_url
from tdm_cache.queue import JobQueue
from tdm_metadata_store.repositories.connections import ConnectionRepository
from tdm_metadata_store.repositories.environments import EnvironmentRepository
from tdm_metadata_store.repositories.jobs import JobRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository
from tdm_metadata_store.repositories.webhooks import WebhookRepository
from tdm_orchestrator.contract import Operation, enqueue, plan_steps
from tdm_orchestrator.workflow_templates import TEMPLATES, build_request, missing_requirements

router = APIRouter(tags=["workflows"], responses=PROBLEM_RESPONSES)


@router.get("/workflow/templates", operation_id="listWorkflowTemplates", summary="Named workflow presets")
def list_templates(_: Viewer) -> list[WorkflowTemplate]:
    return [
        WorkflowTemplate(
            name=name,
            title=t["title"],
            description=t["description"],
            steps=[str(s) for s in t["steps"]],
            requires=t["requires"],
            defaults=t["defaults"],
        )
        for name, t in TEMPLATES.items()
    ]


def _wide_integer(value: Any, path: str) -> str | None:
    """The path of the first integer in `value` that no bigint column or int64 array can hold."""
    pending = [(path, value)]  # a stack, not recursion: bodies may nest deeply
    while pending:
        where, item = pending.pop()
        if isinstance(item, int) and not isinstance(item, bool) and not -(2**63) <= item <= BIGINT_MAX:
            return where
        children = (
            item.items() if isinstance(item, dict) else enumerate(item) if isinstance(item, list) else ()
        )
        pending.extend((f"{where}.{key}", child) for key, child in children)
    return None


def _check_references(uow: UowDep, request: dict[str, Any]) -> None:
    """Ids the workflow names must exist before a job starts; inline masking rules must be runnable."""
    for key in ("subset", "masking", "synthetic", "provision", "pii", "discover"):
        if key in request and not isinstance(request[key], dict):
            raise Invalid(f"overrides.{key} must be an object.", field=f"overrides.{key}")
    wide = _wide_integer({k: v for k, v in request.items() if k not in ("steps", "template")}, "overrides")
    if wide:
        raise Invalid(f"{wide[:200]}: integers must lie within -2^63 .. 2^63-1.", field=wide[:200])
    if request.get("masking", {}).get("rules") is not None:
        normalized_rules(request["masking"]["rules"])  # 422 per rule, as for POST /mask
    if request.get("connection_id"):
        cid = parse_uuid(request["connection_id"], "overrides.connection_id")
        if ConnectionRepository(uow.session).get(cid) is None:
            raise NotFound("No connection with this id.", field="overrides.connection_id")
    if request.get("schema_version_id"):
        vid = parse_uuid(request["schema_version_id"], "overrides.schema_version_id")
        if SchemaRepository(uow.session).get_version(vid) is None:
            raise NotFound("No schema version with this id.", field="overrides.schema_version_id")
    if (
        request.get("target_env")
        and EnvironmentRepository(uow.session).get_by_name(str(request["target_env"])) is None
    ):
        raise NotFound(
            f"No environment named {str(request['target_env'])[:50]!r}.", field="overrides.target_env"
        )


@router.post(
    "/workflow/execute",
    operation_id="executeWorkflow",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Run a workflow template with overrides (one job, one step per agent)",
)
def execute_workflow(
    body: WorkflowExecute, uow: UowDep, runtime: RuntimeDep, principal: Operator
) -> JobAccepted:
    if body.template not in TEMPLATES:
        raise Invalid(
            f"Unknown template {body.template[:50]!r}; see GET /workflow/templates.", field="template"
        )
    overrides = dict(body.overrides)
    if body.steps:
        overrides["steps"] = list(body.steps)
    operation, request = build_request(body.template, overrides)
    missing = missing_requirements(body.template, request)
    if missing:
        raise Invalid(
            f"The {body.template} template needs: {', '.join(missing)}.",
            field="overrides",
            errors=[{"field": f"overrides.{m}", "message": "required"} for m in missing],
        )
    _check_references(uow, request)
    return submit_job(uow, runtime, principal, operation, request)


def _ts(value: float | None) -> datetime | None:
    return datetime.fromtimestamp(value, UTC) if isinstance(value, int | float) else None


def _steps(job) -> list[WorkflowStep]:
    request = dict(job.request_json or {})
    try:
        planned = plan_steps(Operation(job.operation), request)
    except ValueError:
        planned = []
    recorded = {s["name"]: s for s in (job.progress_json or {}).get("steps", []) if isinstance(s, dict)}
    order = planned + [name for name in recorded if name not in planned]
    out = []
    for name in order:
        entry = recorded.get(name, {})
        state = entry.get("status", "pending")
        if job.status == "succeeded" and state == "pending":
            state = "skipped"
        ended = entry.get(f"{state}_at") if state in ("succeeded", "failed", "cancelled") else None
        out.append(
            WorkflowStep(
                name=name,
                status=state,
                outputs=entry.get("outputs") or {},
                started_at=_ts(entry.get("running_at")),
                finished_at=_ts(ended),
                error=job.error if state == "failed" else None,
            )
        )
    return out


@router.get(
    "/workflow/status/{job_id}",
    operation_id="getWorkflowStatus",
    summary="A workflow job with the state and outputs of every step",
)
def workflow_status(job_id: str, uow: UowDep, _: Viewer) -> WorkflowStatus:
    job = JobRepository(uow.session).get(parse_uuid(job_id, "job_id"))
    if job is None:
        raise NotFound("No job with this id.")
    return WorkflowStatus(
        job_id=job.id,
        template=(job.request_json or {}).get("template"),
        status=job.status,
        steps=_steps(job),
        error=job.error,
        result=job.result_json,
        created_at=job.created_at,
        finished_at=job.finished_at,
    )


@router.post(
    "/job/{job_id}/resume",
    operation_id="resumeJob",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Approve or reject the PII map of a job paused for approval",
)
def resume_job(
    job_id: str, body: ResumeRequest, uow: UowDep, runtime: RuntimeDep, principal: Operator
) -> JobOut:
    repo = JobRepository(uow.session)
    job = repo.get(parse_uuid(job_id, "job_id"))
    if job is None:
        raise NotFound("No job with this id.")
    if job.status != "awaiting_approval":
        raise Conflict(f"The job is {job.status}, not awaiting approval.")
    answer = {
        "approved": body.approved,
        "reason": body.reason,
        "approved_by": principal.name,
        "reviews": body.reviews,
    }
    resumed = repo.resume(job.id, answer)
    if resumed is None:
        raise Conflict("The job is no longer awaiting approval.")
    audit(
        uow, principal, "job.resume", "job", job.id, {"approved": body.approved, "reviews": len(body.reviews)}
    )
    operation = job.operation
    uow.after_commit(lambda: enqueue(JobQueue(runtime.redis), str(job.id), operation))
    uow.session.flush()
    uow.session.refresh(resumed)
    return job_out(resumed)


def _webhook_out(row) -> WebhookOut:
    return WebhookOut(
        id=row.id,
        url=row.url,
        environment_id=row.environment_id,
        events=list(row.events or []),
        active=row.active,
        has_secret=bool(row.secret_encrypted),
        created_at=row.created_at,
    )


@router.get("/webhooks", operation_id="listWebhooks", summary="Job completion webhooks")
def list_webhooks(uow: UowDep, _: Admin) -> list[WebhookOut]:
    return [_webhook_out(r) for r in WebhookRepository(uow.session).list()]


@router.post(
    "/webhooks",
    operation_id="createWebhook",
    status_code=status.HTTP_201_CREATED,
    summary="Subscribe a URL to job completion events (HMAC-signed when a secret is set)",
)
def create_webhook(body: WebhookCreate, uow: UowDep, runtime: RuntimeDep, principal: Admin) -> WebhookOut:
    check_webhook_url(body.url, "url")
    env_id: uuid.UUID | None = None
    if body.environment:
        env = EnvironmentRepository(uow.session).get_by_name(body.environment)
        if env is None:
            raise NotFound(f"No environment named {body.environment[:50]!r}.", field="environment")
        env_id = env.id
    row = WebhookRepository(uow.session).create(
        body.url,
        list(body.events),
        environment_id=env_id,
        secret=body.secret,
        box=secret_box(runtime) if body.secret else None,
    )
    audit(uow, principal, "webhook.create", "webhook", row.id, {"environment": body.environment})
    return _webhook_out(row)


@router.delete(
    "/webhooks/{webhook_id}",
    operation_id="deleteWebhook",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a webhook",
)
def delete_webhook(webhook_id: str, uow: UowDep, principal: Admin) -> None:
    wid = parse_uuid(webhook_id, "webhook_id")
    if not WebhookRepository(uow.session).delete(wid):
        raise NotFound("No webhook with this id.")
    audit(uow, principal, "webhook.delete", "webhook", wid)
