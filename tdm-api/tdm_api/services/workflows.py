"""Workflow runs: templates, checking a run's references before it queues, and per-step status."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from tdm_api.dependencies import Principal, UnitOfWork, parse_uuid
from tdm_api.errors import Invalid, NotFound
from tdm_api.models.common import BIGINT_MAX, JobAccepted
from tdm_api.models.workflows import WorkflowExecute, WorkflowStatus, WorkflowStep, WorkflowTemplate
from tdm_api.runtime import ApiRuntime
from tdm_api.services.jobs import job_or_404
from tdm_api.services.masking_inputs import normalized_rules
from tdm_api.services.orchestrator_client import submit_job
from tdm_metadata_store.models import Job
from tdm_metadata_store.repositories.connections import ConnectionRepository
from tdm_metadata_store.repositories.environments import EnvironmentRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository
from tdm_orchestrator.contract import Operation, plan_steps, request_problems
from tdm_orchestrator.workflow_templates import TEMPLATES, build_request, missing_requirements


def list_templates() -> list[WorkflowTemplate]:
    return [WorkflowTemplate.model_validate({"name": name, **t}) for name, t in TEMPLATES.items()]


def execute_workflow(
    uow: UnitOfWork, runtime: ApiRuntime, principal: Principal, body: WorkflowExecute
) -> JobAccepted:
    """The template's request with the overrides; 4xx for anything the job would fail on at once."""
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
    _check_references(uow.session, request)
    problems = request_problems(operation, request)
    if problems:  # a misplaced or misspelt option would otherwise fail the job, not the request
        raise Invalid("; ".join(problems), field="overrides")
    return submit_job(uow, runtime, principal, operation, request)


def workflow_status(session: Session, job_id: uuid.UUID) -> WorkflowStatus:
    job = job_or_404(session, job_id)
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


def _check_references(session: Session, request: dict[str, Any]) -> None:
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
        if ConnectionRepository(session).get(cid) is None:
            raise NotFound("No connection with this id.", field="overrides.connection_id")
    if request.get("schema_version_id"):
        vid = parse_uuid(request["schema_version_id"], "overrides.schema_version_id")
        if SchemaRepository(session).get_version(vid) is None:
            raise NotFound("No schema version with this id.", field="overrides.schema_version_id")
    if (
        request.get("target_env")
        and EnvironmentRepository(session).get_by_name(str(request["target_env"])) is None
    ):
        raise NotFound(
            f"No environment named {str(request['target_env'])[:50]!r}.", field="overrides.target_env"
        )


def _ts(value: float | None) -> datetime | None:
    return datetime.fromtimestamp(value, UTC) if isinstance(value, int | float) else None


def _steps(job: Job) -> list[WorkflowStep]:
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
