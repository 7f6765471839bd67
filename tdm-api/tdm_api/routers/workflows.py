"""Workflow templates, composite executions with per-step status, approval, and webhooks."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from tdm_api.dependencies import Admin, Operator, RuntimeDep, UowDep, Viewer
from tdm_api.models.common import PROBLEM_RESPONSES, JobAccepted
from tdm_api.models.jobs import JobOut
from tdm_api.models.workflows import (
    ResumeRequest,
    WebhookCreate,
    WebhookOut,
    WorkflowExecute,
    WorkflowStatus,
    WorkflowTemplate,
)
from tdm_api.services import jobs, webhooks, workflows

router = APIRouter(tags=["workflows"], responses=PROBLEM_RESPONSES)


@router.get("/workflow/templates", operation_id="listWorkflowTemplates", summary="Named workflow presets")
def list_templates(_: Viewer) -> list[WorkflowTemplate]:
    return workflows.list_templates()


@router.post(
    "/workflow/execute",
    operation_id="executeWorkflow",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Run a workflow template with overrides (one job, one step per agent)",
)
def execute_workflow(
    body: WorkflowExecute, uow: UowDep, runtime: RuntimeDep, principal: Operator
) -> JobAccepted:
    return workflows.execute_workflow(uow, runtime, principal, body)


@router.get(
    "/workflow/status/{job_id}",
    operation_id="getWorkflowStatus",
    summary="A workflow job with the state and outputs of every step",
)
def workflow_status(job_id: uuid.UUID, uow: UowDep, _: Viewer) -> WorkflowStatus:
    return workflows.workflow_status(uow.session, job_id)


@router.post(
    "/job/{job_id}/resume",
    operation_id="resumeJob",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Approve or reject the PII map of a job paused for approval",
)
def resume_job(
    job_id: uuid.UUID, body: ResumeRequest, uow: UowDep, runtime: RuntimeDep, principal: Operator
) -> JobOut:
    return jobs.resume_job(uow, runtime, principal, job_id, body)


@router.get("/webhooks", operation_id="listWebhooks", summary="Job completion webhooks")
def list_webhooks(uow: UowDep, _: Admin) -> list[WebhookOut]:
    return webhooks.list_webhooks(uow.session)


@router.post(
    "/webhooks",
    operation_id="createWebhook",
    status_code=status.HTTP_201_CREATED,
    summary="Subscribe a URL to job completion events (HMAC-signed when a secret is set)",
)
def create_webhook(body: WebhookCreate, uow: UowDep, runtime: RuntimeDep, principal: Admin) -> WebhookOut:
    return webhooks.create_webhook(uow, runtime, principal, body)


@router.delete(
    "/webhooks/{webhook_id}",
    operation_id="deleteWebhook",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a webhook",
)
def delete_webhook(webhook_id: uuid.UUID, uow: UowDep, principal: Admin) -> None:
    webhooks.delete_webhook(uow, principal, webhook_id)
