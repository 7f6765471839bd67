"""Each step reads its options through one typed input, for direct jobs and inside workflows."""

from __future__ import annotations

import uuid

import pytest

from tdm_orchestrator.contract import Operation
from tdm_orchestrator.provision_runs import run_options
from tdm_orchestrator.step_inputs import (
    INPUTS,
    DiscoverInput,
    MaskInput,
    PiiInput,
    ProvisionInput,
    StepInputError,
    SubsetInput,
    SyntheticInput,
    request_problems,
    step_input,
)
from tdm_orchestrator.workflow_templates import TEMPLATES, build_request

CONNECTION = str(uuid.uuid4())
VERSION = str(uuid.uuid4())


def _workflow_state(template: str, overrides: dict) -> dict:
    operation, request = build_request(template, overrides)
    return {"operation": str(operation), "request": request}


def test_a_workflow_provision_section_reaches_provisioning():
    """Regression: the db_migration template's provision section was read from the top level and dropped."""
    state = _workflow_state("db_migration", {"provision": {"mode": "drop_create", "target_schema": "ci_wf"}})
    options = step_input(state, ProvisionInput)
    assert (options.mode, options.target_schema) == ("drop_create", "ci_wf")
    assert options.reset_env is True and options.run_smoke_tests is True
    run = run_options(options, {"reset_mode": "truncate"})
    assert (run["mode"], run["target_schema"], run["run_smoke_tests"]) == ("drop_create", "ci_wf", True)


def test_a_workflow_discover_and_pii_section_reach_their_steps():
    state = _workflow_state(
        "secure_masking",
        {
            "connection_id": CONNECTION,
            "discover": {"schemas": ["sales"], "include_stats": False, "schema_name": "shop"},
            "pii": {"use_llm": True, "sample_size_per_column": 7},
        },
    )
    discover = step_input(state, DiscoverInput)
    assert (discover.schemas, discover.include_stats, discover.schema_name) == (["sales"], False, "shop")
    assert str(discover.connection_id) == CONNECTION
    pii = step_input(state, PiiInput)
    assert (pii.use_llm, pii.sample_size_per_column) == (True, 7)


def test_shared_ids_reach_only_the_steps_that_take_them():
    state = _workflow_state(
        "full_workflow",
        {"connection_id": CONNECTION, "schema_version_id": VERSION, "target_env": "QA",
         "subset": {"root_table": "customers"}},
    )  # fmt: skip
    subset = step_input(state, SubsetInput)
    assert (subset.connection_id, subset.schema_version_id, subset.sampling_pct) == (CONNECTION, VERSION, 10)
    assert step_input(state, ProvisionInput).target_env == "QA"
    # The synthetic step generates for the shared schema version only when it names no source itself.
    assert step_input(state, SyntheticInput).schema_version_id is None


def test_a_direct_job_reads_its_request_as_is():
    request = {"dataset_version_id": str(uuid.uuid4()), "target_env": "QA", "reset_env": False,
               "run_smoke_tests": False, "mode": "upsert", "target_schema": "s1", "ttl_hours": 2.5,
               "allow_unmasked": True, "override_reason": "a reason long enough"}  # fmt: skip
    options = step_input({"operation": "TDM_PROVISION_ONLY", "request": request}, ProvisionInput)
    assert options.model_dump(mode="json") == request


def test_an_unknown_key_is_refused_by_name():
    state = _workflow_state("db_migration", {"provision": {"mdoe": "drop_create"}})
    with pytest.raises(StepInputError, match=r"provision\.mdoe"):
        step_input(state, ProvisionInput)
    with pytest.raises(StepInputError, match="use_llm"):
        step_input({"operation": "TDM_MASK_ONLY", "request": {"use_llm": True}}, MaskInput)


def test_a_step_option_at_the_top_of_a_workflow_names_its_section():
    _, request = build_request("db_migration", {"target_schema": "ci_wf"})
    problems = request_problems(Operation.FULL_TDM_PIPELINE, request)
    assert problems and "target_schema" in problems[0] and "provision" in problems[0]


@pytest.mark.parametrize(
    ("overrides", "words"),
    [
        ({"provision": {"target_schema": "public", "ttl_hours": 2}}, "public schema cannot be ephemeral"),
        ({"provision": {"allow_unmasked": True}}, "needs an override_reason"),
        ({"discover": {"schemas": ["sales; drop"]}}, "not a valid identifier"),
        ({"pii": {"sample_size_per_column": 0}}, "sample_size_per_column"),
        ({"synthetic": {"engine": "gan"}}, "synthetic.engine"),
        ({"synthetic": {"row_counts": {"customer": 2**63}}}, "synthetic.row_counts"),
    ],
)
def test_a_workflow_section_is_checked_as_the_api_checks_its_own_request(overrides, words):
    """The step inputs share the API's option models, so a section fails where the direct request would."""
    _, request = build_request(
        "full_workflow", {"connection_id": CONNECTION, "target_env": "QA", **overrides}
    )
    problems = request_problems(Operation.FULL_TDM_PIPELINE, request)
    assert any(words in p for p in problems), problems


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_every_template_default_reaches_its_step(template):
    overrides = {"connection_id": CONNECTION, "target_env": "QA", "subset": {"root_table": "customers"}}
    operation, request = build_request(template, overrides)
    assert request_problems(operation, request) == []
    state = {"operation": str(operation), "request": request}
    for step in TEMPLATES[template]["steps"]:
        model = INPUTS[step]
        section = request.get(model.SECTION) or {}
        options = step_input(state, model).model_dump(mode="json")
        assert {k: options[k] for k in section} == section, (template, step)


def test_the_router_names_every_step_the_contract_has():
    from typing import get_args

    from tdm_orchestrator.contract import Step
    from tdm_orchestrator.nodes.execute_subgraph import NextStep

    assert {str(s) for s in Step} | {"await_approval", "finalize"} == set(get_args(NextStep))
