"""What the API may know about the orchestrator: operation names, their steps, enqueueing, and
where job webhooks may be delivered.

This is the only orchestrator module the API imports (an import-linter contract enforces it).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tdm_agents.common.url_guard import UrlPolicy, parse_hosts
from tdm_cache.queue import JobQueue
from tdm_orchestrator.settings import OrchestratorSettings, get_settings


class Operation(StrEnum):
    DISCOVER_SCHEMA = "DISCOVER_SCHEMA"
    PII_CLASSIFICATION = "PII_CLASSIFICATION"
    TDM_SUBSET_ONLY = "TDM_SUBSET_ONLY"
    TDM_MASK_ONLY = "TDM_MASK_ONLY"
    TDM_PROVISION_ONLY = "TDM_PROVISION_ONLY"
    TDM_SYNTHETIC_RUN = "TDM_SYNTHETIC_RUN"
    UI_BASED_SYNTHETIC_GENERATION = "UI_BASED_SYNTHETIC_GENERATION"
    API_BASED_SYNTHETIC_GENERATION = "API_BASED_SYNTHETIC_GENERATION"
    TDM_SUBSET_MASK_PROVISION = "TDM_SUBSET_MASK_PROVISION"
    FULL_TDM_PIPELINE = "FULL_TDM_PIPELINE"
    NOOP = "NOOP"


class Step(StrEnum):
    """One agent subgraph; composite operations run several in order."""

    DISCOVER = "discover_schema"
    PII = "pii_classification"
    SUBSET = "subsetting"
    MASK = "masking"
    SYNTHETIC = "synthetic"
    PROVISION = "provisioning"
    NOOP = "noop"


OPERATION_STEPS: dict[Operation, tuple[Step, ...]] = {
    Operation.DISCOVER_SCHEMA: (Step.DISCOVER,),
    Operation.PII_CLASSIFICATION: (Step.PII,),
    Operation.TDM_SUBSET_ONLY: (Step.SUBSET,),
    Operation.TDM_MASK_ONLY: (Step.MASK,),
    Operation.TDM_PROVISION_ONLY: (Step.PROVISION,),
    Operation.TDM_SYNTHETIC_RUN: (Step.SYNTHETIC,),
    Operation.UI_BASED_SYNTHETIC_GENERATION: (Step.SYNTHETIC,),
    Operation.API_BASED_SYNTHETIC_GENERATION: (Step.SYNTHETIC,),
    Operation.TDM_SUBSET_MASK_PROVISION: (Step.SUBSET, Step.MASK, Step.PROVISION),
    Operation.FULL_TDM_PIPELINE: (
        Step.DISCOVER,
        Step.PII,
        Step.SUBSET,
        Step.MASK,
        Step.SYNTHETIC,
        Step.PROVISION,
    ),
    Operation.NOOP: (Step.NOOP,),
}


def plan_steps(operation: Operation, request: dict[str, Any]) -> list[str]:
    """The steps a job runs. The full pipeline skips what the request already provides or declines;
    a workflow template names its steps explicitly (kept in pipeline order)."""
    steps = list(OPERATION_STEPS[operation])
    if operation is Operation.FULL_TDM_PIPELINE and request.get("steps"):
        chosen = set(request["steps"])
        return [str(s) for s in steps if str(s) in chosen]
    if operation is Operation.FULL_TDM_PIPELINE:
        if request.get("schema_version_id"):
            steps.remove(Step.DISCOVER)
        masking = request.get("masking") or {}
        explicit_rules = masking.get("rules") or masking.get("rule_set_id")
        if request.get("skip_pii") or (explicit_rules and not request.get("approve_pii")):
            steps.remove(Step.PII)
        if not request.get("synthetic") and not request.get("synthetic_top_up"):
            steps.remove(Step.SYNTHETIC)
        if not request.get("target_env"):
            steps.remove(Step.PROVISION)
    if operation is Operation.TDM_SUBSET_MASK_PROVISION and not request.get("target_env"):
        steps.remove(Step.PROVISION)
    return [str(s) for s in steps]


def request_problems(operation: Operation, request: dict[str, Any]) -> list[str]:
    """Why a job's request does not fit the inputs of the steps it runs (empty when it fits): the
    API answers these with 422 before queueing; the worker fails such a job before any step."""
    from tdm_orchestrator.step_inputs import request_problems as problems

    return problems(operation, request)


TERMINAL_STATUSES = frozenset({"succeeded", "failed", "cancelled"})


def enqueue(queue: JobQueue, job_id: str, operation: Operation | str) -> str:
    """Put a committed job on the queue. Call only after the `jobs` row is committed."""
    return queue.enqueue(str(job_id), str(operation))


def webhook_url_policy(settings: OrchestratorSettings | None = None) -> UrlPolicy:
    """Where job webhooks may be sent (`TDM_WEBHOOK_ALLOW_PRIVATE`, `TDM_WEBHOOK_ALLOWED_HOSTS`): the
    API checks configured URLs with it, workers every delivery."""
    settings = settings or get_settings()
    return UrlPolicy(
        allow_private=settings.webhook_allow_private,
        allowed_hosts=parse_hosts(settings.webhook_allowed_hosts),
        action="send webhooks to",
        allow_hint="TDM_WEBHOOK_ALLOW_PRIVATE or TDM_WEBHOOK_ALLOWED_HOSTS",
    )
