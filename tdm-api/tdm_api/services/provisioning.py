"""Provisioning requests: the dataset must be complete, the caller allowed, unmasked data overridden."""

from __future__ import annotations

from tdm_agents.masking.release import SOURCE_DERIVED, needs_unmasked_override
from tdm_api.dependencies import Principal, UnitOfWork, audit
from tdm_api.errors import ApiError, Conflict, NotFound
from tdm_api.models.common import JobAccepted
from tdm_api.models.provisioning import ProvisionRequest
from tdm_api.runtime import ApiRuntime
from tdm_api.services.drift_gate import require_open_gate
from tdm_api.services.environments import lookup_environment
from tdm_api.services.orchestrator_client import submit_job
from tdm_metadata_store.models import Environment
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_orchestrator.contract import Operation


def submit_provisioning(
    uow: UnitOfWork, runtime: ApiRuntime, principal: Principal, body: ProvisionRequest
) -> JobAccepted:
    dataset = DatasetRepository(uow.session).get(body.dataset_version_id)
    if dataset is None or dataset.status == "deleted":
        raise NotFound("No dataset version with this id.", field="dataset_version_id")
    if dataset.status != "ready" or not runtime.dataset_store.is_complete(dataset.id):
        raise Conflict(
            f"The dataset version is {dataset.status}, not complete; it cannot be provisioned yet.",
            field="dataset_version_id",
        )
    env = lookup_environment(uow.session, body.target_env)
    config = dict(env.config_json or {})
    _check_role(principal, config)
    if not env.connection_string_encrypted:
        raise Conflict("The environment has no target connection configured.", field="target_env")
    if dataset.source_type in SOURCE_DERIVED:
        require_open_gate(uow.session, dataset.schema_version_id, "dataset_version_id")
    if needs_unmasked_override(dataset.source_type, config):
        _check_override(body, env)
        audit(uow, principal, "provision.unmasked_override", "environment", env.id, {
            "dataset_version_id": str(dataset.id), "environment": env.name, "reason": body.override_reason,
        })  # fmt: skip
    request = body.model_dump(mode="json")
    request["target_env"] = str(env.id)
    return submit_job(uow, runtime, principal, Operation.TDM_PROVISION_ONLY, request)


def _check_role(principal: Principal, config: dict) -> None:
    if config.get("protected") and not principal.can("admin"):
        raise ApiError(
            "This environment is protected: provisioning it needs the admin role.",
            status=403,
            kind="forbidden",
        )
    allowed = config.get("allowed_roles") or ["admin", "operator"]
    if principal.role not in allowed and not principal.can("admin"):
        raise ApiError("Your role may not provision this environment.", status=403, kind="forbidden")


def _check_override(body: ProvisionRequest, env: Environment) -> None:
    """An unmasked subset goes into a non-production environment only on an explicit, reasoned request."""
    if not body.allow_unmasked:
        raise Conflict(
            f"This dataset version is not masked and {env.name} is a non-production environment: "
            "mask it first, or set allow_unmasked with an override_reason (the override is audited).",
            field="allow_unmasked",
        )
