"""Synthetic options reach the generator, for a direct job and through each workflow template that
generates: the sources (domain pack, schema version, inline API spec), row counts, engine, seed,
locale, scenario and the output's name. (URL sources are fetched by the job; their guard and
crawl have tests of their own.)"""

from __future__ import annotations

import pytest

from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_orchestrator.contract import Step
from tdm_orchestrator.graphs import synthetic, synthetic_output
from tdm_orchestrator.workflow_templates import TEMPLATES, build_request
from tests.integration.orchestrator.graphs.subgraph_support import Recorder, run_subgraph, seed_schema

pytestmark = pytest.mark.integration
SPEC = {
    "openapi": "3.0.0",
    "info": {"title": "t", "version": "1"},
    "paths": {},
    "components": {"schemas": {"Widget": {"type": "object", "properties": {"id": {"type": "integer"}}}}},
}
OPTIONS = {
    "domain_pack": "ecommerce", "row_counts": {"customer": 7}, "engine": "rules", "seed": 42,
    "locale": "de_DE", "scenario_template": "default", "api_spec": SPEC, "name": "synthetic for CI",
}  # fmt: skip


@pytest.fixture
def agent(monkeypatch) -> Recorder:
    record = Recorder()
    monkeypatch.setattr(synthetic_output, "generate_dataset", record)
    return record


def _assert_delivered(services, agent: Recorder, with_db: bool) -> None:
    (schema, row_counts), kwargs = agent.args, agent.kwargs
    assert row_counts == {"customer": 7}
    assert (kwargs["engine"], kwargs["seed"], kwargs["locale"], kwargs["scenario"]) == (
        "rules",
        42,
        "de_DE",
        "default",
    )
    sources = {e.source for e in schema.entities}
    assert sources == ({"domain_pack", "api", "db"} if with_db else {"domain_pack", "api"})
    with services.unit_of_work() as session:
        rows, _ = DatasetRepository(session).list(include_deleted=True)
    assert [r.name for r in rows if r.source_type == "synthetic"] == ["synthetic for CI"]


def test_a_synthetic_job_hands_every_option_to_the_generator(services, agent):
    _, version_id = seed_schema(services)
    request = {**OPTIONS, "schema_version_id": version_id}
    run_subgraph(services, synthetic.build_synthetic_graph, "TDM_SYNTHETIC_RUN", request)
    _assert_delivered(services, agent, with_db=True)


@pytest.mark.parametrize(
    "template", sorted(t for t, spec in TEMPLATES.items() if Step.SYNTHETIC in spec["steps"])
)
def test_a_workflow_synthetic_section_reaches_the_generator(services, agent, template):
    _, version_id = seed_schema(services)
    operation, request = build_request(template, {"target_env": "QA", "synthetic": OPTIONS})
    # A discovered schema version does not join a step that names its own sources.
    run_subgraph(
        services, synthetic.build_synthetic_graph, str(operation), request, schema_version_id=version_id
    )
    _assert_delivered(services, agent, with_db=False)
