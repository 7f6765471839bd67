"""Every PII option reaches the PII detection agent, for a direct job and through each workflow
template that classifies: the sample size reaches the sampler, use_llm the LLM classifier."""

from __future__ import annotations

import pytest

from tdm_orchestrator.contract import Step
from tdm_orchestrator.graphs import pii_detection
from tdm_orchestrator.workflow_templates import TEMPLATES, build_request
from tests.fixtures.fake_chat import ScriptedChatModel
from tests.integration.orchestrator.graphs.subgraph_support import (
    UNREACHABLE,
    Recorder,
    run_subgraph,
    seed_schema,
)

pytestmark = pytest.mark.integration
OPTIONS = {"use_llm": True, "sample_size_per_column": 37}


@pytest.fixture
def sampler(monkeypatch) -> Recorder:
    """The source sampler, recorded: it samples nothing, so the run goes on to the end."""
    record = Recorder(result=[])
    monkeypatch.setattr(pii_detection, "sample_snapshot", record)
    return record


def _assert_delivered(sampler: Recorder, final: dict, version_id: str) -> None:
    url, snapshot, sample_size, _hooks = sampler.args
    assert (url, sample_size) == (UNREACHABLE + "src", 37)
    assert snapshot.table("customers") is not None
    summary = final["step_results"]["pii_classification"]
    # With use_llm the classifier was built from the injected model (nothing was left to ask it).
    assert summary["llm"] == "ok (nothing to ask)" and summary["schema_version_id"] == version_id


def test_a_classify_job_hands_every_option_to_the_agent(services, sampler):
    services.extras[pii_detection.LLM_EXTRA] = ScriptedChatModel()
    _, version_id = seed_schema(services)
    final = run_subgraph(
        services, pii_detection.build_pii_detection_graph, "PII_CLASSIFICATION",
        {"schema_version_id": version_id, **OPTIONS},
    )  # fmt: skip
    _assert_delivered(sampler, final, version_id)


@pytest.mark.parametrize("template", sorted(t for t, spec in TEMPLATES.items() if Step.PII in spec["steps"]))
def test_a_workflow_pii_section_reaches_the_agent(services, sampler, template):
    services.extras[pii_detection.LLM_EXTRA] = ScriptedChatModel()
    connection_id, version_id = seed_schema(services)
    operation, request = build_request(
        template, {"connection_id": connection_id, "subset": {"root_table": "customers"}, "pii": OPTIONS}
    )
    final = run_subgraph(
        services, pii_detection.build_pii_detection_graph, str(operation), request,
        schema_version_id=version_id,
    )  # fmt: skip
    _assert_delivered(sampler, final, version_id)
