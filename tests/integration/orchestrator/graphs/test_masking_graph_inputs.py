"""Every masking option reaches the masking agent, for a direct job and through each workflow
template that masks: the input version's tables, the rules (inline or a stored rule set), the
unknown-column policy (a default rule for an unruled personal column) and the output's name."""

from __future__ import annotations

import uuid

import pytest

from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_metadata_store.repositories.masking_rules import MaskingRuleRepository
from tdm_orchestrator.contract import Step
from tdm_orchestrator.graphs import masking
from tdm_orchestrator.workflow_templates import TEMPLATES, build_request
from tests.integration.orchestrator.graphs.subgraph_support import (
    Recorder,
    run_subgraph,
    seed_dataset,
    seed_schema,
)

pytestmark = pytest.mark.integration
EMAIL_RULE = {"customers.email": "mask.email_deterministic"}
# No rule for the email column: with mask_default it gets its suggested rule, else the job fails.
ID_ONLY = {"customers.id": "mask.shuffle"}


@pytest.fixture
def agent(monkeypatch) -> Recorder:
    monkeypatch.setenv("TDM_MASKING_KEYS", "k1:" + "A" * 43 + "=")
    record = Recorder()
    monkeypatch.setattr(masking, "mask_dataset", record)
    return record


def _rules(agent: Recorder) -> dict[str, str]:
    _read, _write, tables, rules, _context, _hooks = agent.args
    assert tables == ["customers"]
    return {f"{r.table}.{r.column}": r.type for r in rules}


def _output_name(services) -> list[str | None]:
    with services.unit_of_work() as session:
        rows, _ = DatasetRepository(session).list(include_deleted=True)
        return [r.name for r in rows if r.source_type == "masked" and r.job_id is not None]


def test_a_mask_job_hands_rules_tables_and_name_to_the_agent(services, agent):
    _, version_id = seed_schema(services)
    dataset_id = seed_dataset(services, version_id, source_type="subset")
    request = {
        "dataset_version_id": dataset_id,
        "rules": EMAIL_RULE,
        "name": "masked for CI",
        "unknown_columns": "fail",
    }
    run_subgraph(services, masking.build_masking_graph, "TDM_MASK_ONLY", request)
    assert _rules(agent) == EMAIL_RULE
    assert _output_name(services) == ["masked for CI"]


def test_unknown_columns_reaches_the_coverage_check(services, agent):
    _, version_id = seed_schema(services)
    dataset_id = seed_dataset(services, version_id, source_type="subset")
    request = {"dataset_version_id": dataset_id, "rules": ID_ONLY, "unknown_columns": "mask_default"}
    run_subgraph(services, masking.build_masking_graph, "TDM_MASK_ONLY", request)
    rules = _rules(agent)
    assert rules["customers.id"] == "mask.shuffle" and "customers.email" in rules


def test_a_stored_rule_set_version_reaches_the_agent(services, agent):
    _, version_id = seed_schema(services)
    dataset_id = seed_dataset(services, version_id, source_type="subset")
    with services.unit_of_work() as session:
        repo = MaskingRuleRepository(session)
        first = repo.create_version("ci", EMAIL_RULE, schema_version_id=uuid.UUID(version_id))
        repo.create_version("ci", {**EMAIL_RULE, **ID_ONLY}, schema_version_id=uuid.UUID(version_id))
        rule_set_id = str(first.id)
    request = {"dataset_version_id": dataset_id, "rule_set_id": rule_set_id, "rule_set_version": 2}
    run_subgraph(services, masking.build_masking_graph, "TDM_MASK_ONLY", request)
    assert _rules(agent) == {**EMAIL_RULE, **ID_ONLY}


@pytest.mark.parametrize("template", sorted(t for t, spec in TEMPLATES.items() if Step.MASK in spec["steps"]))
def test_a_workflow_masking_section_reaches_the_agent(services, agent, template):
    _, version_id = seed_schema(services)
    produced = seed_dataset(services, version_id, source_type="subset")
    section = {"rules": ID_ONLY, "unknown_columns": "mask_default", "name": "masked in a workflow"}
    operation, request = build_request(template, {"target_env": "QA", "masking": section})
    # The template also asks for the suggested rules; inline rules come first.
    run_subgraph(
        services, masking.build_masking_graph, str(operation), request, subset_dataset_version_id=produced
    )
    rules = _rules(agent)
    assert rules["customers.id"] == "mask.shuffle" and "customers.email" in rules
    assert _output_name(services) == ["masked in a workflow"]
