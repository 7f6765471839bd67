"""Every provisioning option reaches the provisioning agent, for a direct job and through each
workflow template that provisions (regression: a workflow's `provision` section was dropped)."""

from __future__ import annotations

import contextlib
from types import SimpleNamespace

import pytest

from tdm_metadata_store.repositories.ephemeral_schemas import EphemeralSchemaRepository
from tdm_orchestrator.contract import Step
from tdm_orchestrator.graphs import provisioning
from tdm_orchestrator.workflow_templates import TEMPLATES, build_request
from tests.integration.orchestrator.graphs.subgraph_support import (
    Recorder,
    run_subgraph,
    seed_dataset,
    seed_environment,
    seed_schema,
)

pytestmark = pytest.mark.integration
REASON = "the QA team needs the raw rows for one day"
OPTIONS = {
    "mode": "drop_create", "target_schema": "ci_wf", "run_smoke_tests": False, "ttl_hours": 2,
    "allow_unmasked": True, "override_reason": REASON,
}  # fmt: skip
RESULT = {"row_counts": {"customers": 2}, "tables_loaded": 1, "tables_created": ["customers"],
          "smoke_test_results": {"checks": []}}  # fmt: skip


@pytest.fixture
def agent(monkeypatch) -> Recorder:
    """The target is never reached: probing, planning and the load itself are recorded."""
    plan = SimpleNamespace(create_tables=["customers"], foreign_keys=[])
    connection = SimpleNamespace(rollback=lambda: None)
    monkeypatch.setattr(provisioning, "target", SimpleNamespace(
        probe=lambda url: {"database": "target", "server_version": "16"},
        connect=lambda url: contextlib.nullcontext(connection),
    ))  # fmt: skip
    monkeypatch.setattr(provisioning, "plan_provisioning", lambda conn, dataset, options: (None, None, plan))
    load = Recorder(result=RESULT)
    monkeypatch.setattr(provisioning, "provision", load)
    return load


def _assert_delivered(services, agent: Recorder, final: dict, dataset_id: str, env_id: str) -> None:
    _, dataset, options = agent.args
    assert dataset.row_counts == {"customers": 2}
    assert (options.mode, options.target_schema, options.run_smoke_tests) == ("drop_create", "ci_wf", False)
    result = final["provisioning_result"]
    assert (result["dataset_version_id"], result["environment_id"]) == (dataset_id, env_id)
    assert result["unmasked_override"]["reason"] == REASON
    with services.unit_of_work() as session:
        kept = EphemeralSchemaRepository(session).expired(None)
        assert [r.schema_name for r in EphemeralSchemaRepository(session).expired(_in_hours(3))] == ["ci_wf"]
        assert kept == []  # expires in ttl_hours, not before


def _in_hours(hours: float):
    from datetime import UTC, datetime, timedelta

    return datetime.now(UTC) + timedelta(hours=hours)


def test_a_provision_job_hands_every_option_to_the_agent(services, agent):
    _, version_id = seed_schema(services)
    dataset_id = seed_dataset(services, version_id, source_type="subset")
    env_id = seed_environment(services)
    request = {"dataset_version_id": dataset_id, "target_env": env_id, "reset_env": True, **OPTIONS}
    final = run_subgraph(services, provisioning.build_provisioning_graph, "TDM_PROVISION_ONLY", request)
    _assert_delivered(services, agent, final, dataset_id, env_id)


def test_reset_env_false_appends_unless_a_mode_is_given(services, agent):
    dataset_id = seed_dataset(services, None, source_type="synthetic")
    seed_environment(services, config={"reset_mode": "truncate"})
    request = {"dataset_version_id": dataset_id, "target_env": "QA", "reset_env": False}
    run_subgraph(services, provisioning.build_provisioning_graph, "TDM_PROVISION_ONLY", request)
    assert agent.args[2].mode == "append" and agent.args[2].run_smoke_tests is True


@pytest.mark.parametrize(
    "template", sorted(t for t, spec in TEMPLATES.items() if Step.PROVISION in spec["steps"])
)
def test_a_workflow_provision_section_reaches_the_agent(services, agent, template):
    _, version_id = seed_schema(services)
    produced = seed_dataset(services, version_id, source_type="subset")
    env_id = seed_environment(services)
    operation, request = build_request(template, {"target_env": "QA", "provision": OPTIONS})
    final = run_subgraph(
        services, provisioning.build_provisioning_graph, str(operation), request,
        target_env="QA", subset_dataset_version_id=produced,
    )  # fmt: skip
    _assert_delivered(services, agent, final, produced, env_id)
