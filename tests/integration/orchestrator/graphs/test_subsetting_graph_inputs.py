"""Every subset option reaches the subsetting agent's request, for a direct job and through each
workflow template that subsets."""

from __future__ import annotations

import pytest

from tdm_agents.subsetting import SubsetRequest
from tdm_orchestrator.contract import Step
from tdm_orchestrator.graphs import subsetting
from tdm_orchestrator.workflow_templates import TEMPLATES, build_request
from tests.integration.orchestrator.graphs.subgraph_support import Recorder, run_subgraph, seed_schema

pytestmark = pytest.mark.integration
OPTIONS = {
    "root_table": "customers",
    "filters": {"customers": [{"column": "email", "op": "like", "value": "%@example.com"}]},
    "max_rows_per_table": {"customers": 5},
    "date_range": {"table": "customers", "column": "id", "start": "2024-01-01", "end": "2024-12-31"},
    "sampling_pct": 50.0,
    "seed": 7,
    "mode": {"customers": "subset"},
    "relationship_overrides": [{"parent_table": "customers", "follow_children": False}],
    "max_depth": 3,
    "include_children_of_parents": 1,
    "cut_nullable_fks": True,
}


@pytest.fixture
def agent(monkeypatch) -> Recorder:
    """The agent's request validation, where every option is handed over, recorded (the run stops)."""
    record = Recorder()
    monkeypatch.setattr(subsetting, "validate_request", record)
    return record


def _assert_delivered(agent: Recorder, connection_id: str, version_id: str) -> None:
    request, snapshot = agent.args
    given = request.model_dump(mode="json", exclude={"connection_string"})
    expected = SubsetRequest.model_validate(
        {**OPTIONS, "schema_version_id": version_id, "connection_id": connection_id}
    )
    assert {k: given[k] for k in OPTIONS} == expected.model_dump(mode="json", include=set(OPTIONS))
    assert (given["connection_id"], given["schema_version_id"]) == (connection_id, version_id)
    assert snapshot.table("customers") is not None


def test_a_subset_job_hands_every_option_to_the_agent(services, agent):
    connection_id, version_id = seed_schema(services)
    request = {"schema_version_id": version_id, "connection_id": connection_id, **OPTIONS}
    run_subgraph(services, subsetting.build_subsetting_graph, "TDM_SUBSET_ONLY", request)
    _assert_delivered(agent, connection_id, version_id)


def test_without_a_connection_the_schema_source_is_read(services, agent):
    connection_id, version_id = seed_schema(services)
    run_subgraph(
        services, subsetting.build_subsetting_graph, "TDM_SUBSET_ONLY",
        {"schema_version_id": version_id, **OPTIONS},
    )  # fmt: skip
    _assert_delivered(agent, connection_id, version_id)


@pytest.mark.parametrize(
    "template", sorted(t for t, spec in TEMPLATES.items() if Step.SUBSET in spec["steps"])
)
def test_a_workflow_subset_section_reaches_the_agent(services, agent, template):
    connection_id, version_id = seed_schema(services)
    operation, request = build_request(template, {"connection_id": connection_id, "subset": OPTIONS})
    # As after discovery: the schema version comes from the step before.
    run_subgraph(
        services, subsetting.build_subsetting_graph, str(operation), request,
        connection_id=connection_id, schema_version_id=version_id,
    )  # fmt: skip
    _assert_delivered(agent, connection_id, version_id)
