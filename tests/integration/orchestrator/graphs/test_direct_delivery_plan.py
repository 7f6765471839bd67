"""When a workflow's subset step loads the environment itself, and with the provisioning options
of the workflow's `provision` section (the target is never reached: its probe is recorded)."""

from __future__ import annotations

import uuid
from types import SimpleNamespace

import pytest

from tdm_metadata_store.repositories.jobs import JobRepository
from tdm_orchestrator import direct_delivery
from tdm_orchestrator.context import JobContext
from tdm_orchestrator.errors import PermanentJobError
from tdm_orchestrator.hooks import WorkerJobHooks
from tdm_orchestrator.workflow_templates import build_request
from tests.integration.orchestrator.graphs.subgraph_support import seed_environment, seed_schema

pytestmark = pytest.mark.integration
REASON = "rehearsing the migration on a throwaway database"
PROVISION = {"mode": "drop_create", "target_schema": "ci_wf", "run_smoke_tests": False, "ttl_hours": 2,
             "allow_unmasked": True, "override_reason": REASON}  # fmt: skip


@pytest.fixture
def probed(monkeypatch) -> list[str]:
    urls: list[str] = []

    def probe(url: str) -> dict[str, str]:
        urls.append(url)
        return {"database": "target", "server_version": "16"}

    monkeypatch.setattr(direct_delivery, "target", SimpleNamespace(probe=probe))
    return urls


def _plan(services, template: str, overrides: dict, schema_version_id: str | None = None) -> dict | None:
    schema_version_id = schema_version_id or seed_schema(services)[1]
    operation, request = build_request(template, {"schema_version_id": schema_version_id, **overrides})
    with services.unit_of_work() as session:
        job_id = str(JobRepository(session).create(str(operation), request).id)
    context = JobContext(job_id=job_id, services=services, hooks=WorkerJobHooks(job_id, services))
    return direct_delivery.planned_run(
        context, str(operation), request, request["steps"],
        version_id=str(uuid.uuid4()), schema_version_id=schema_version_id,
    )  # fmt: skip


def test_a_workflow_provisioning_its_subset_next_plans_the_run_with_every_option(services, probed):
    env_id = seed_environment(services, config={"smoke_queries": [{"name": "any", "sql": "SELECT 1"}]})
    run = _plan(services, "db_migration", {"target_env": "QA", "provision": PROVISION})
    assert run is not None and probed, "the target is reached before the extraction"
    assert (run["environment_id"], run["environment"]) == (env_id, "QA")
    assert (run["mode"], run["target_schema"], run["run_smoke_tests"], run["ttl_hours"]) == (
        "drop_create", "ci_wf", False, 2
    )  # fmt: skip
    assert run["smoke_queries"] == [{"name": "any", "sql": "SELECT 1"}]
    assert run["unmasked_override"] == {"allowed": True, "reason": REASON, "source_type": "subset"}
    assert run["drift_gate"]["open"] is True


def test_the_checks_of_the_provisioning_step_fail_the_job_before_any_row_is_read(services, probed):
    seed_environment(services)
    _, schema_version_id = seed_schema(services)
    with pytest.raises(PermanentJobError, match="not masked"):
        _plan(services, "db_migration", {"target_env": "QA"}, schema_version_id)
    with pytest.raises(PermanentJobError, match="environment does not exist"):
        _plan(services, "db_migration", {"target_env": "nowhere", "provision": PROVISION}, schema_version_id)
    assert not probed


@pytest.mark.parametrize(
    "overrides",
    [
        {"provision": {**PROVISION, "mode": "append"}},  # a retried load would append twice
        {"provision": {**PROVISION, "dataset_version_id": str(uuid.uuid4())}},  # loads another version
        {"provision": PROVISION, "steps": ["subsetting", "masking", "provisioning"]},  # masked first
        {"provision": PROVISION, "steps": ["subsetting"]},
    ],
    ids=["append", "other-version", "masked-first", "no-provisioning"],
)
def test_otherwise_the_provisioning_step_loads_the_stored_version(services, probed, overrides):
    seed_environment(services)
    assert _plan(services, "db_migration", {"target_env": "QA", **overrides}) is None
    assert not probed
