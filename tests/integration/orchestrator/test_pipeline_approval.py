"""Composite runs, per-step status and the human-in-the-loop pause, with PostgreSQL checkpoints.

Agent steps are replaced by tiny subgraphs so the supergraph's own behaviour is what is tested;
the real agents have end-to-end tests of their own.
"""

from __future__ import annotations

import uuid

import pytest
from langgraph.graph import END, START, StateGraph

from tdm_cache.client import sync_client
from tdm_cache.settings import CacheSettings
from tdm_dataset_store import DatasetStoreSettings
from tdm_metadata_store.repositories.jobs import JobRepository
from tdm_metadata_store.settings import MetadataStoreSettings
from tdm_orchestrator.checkpoints import open_checkpointer
from tdm_orchestrator.context import JobContext
from tdm_orchestrator.contract import Operation, Step
from tdm_orchestrator.graphs import master
from tdm_orchestrator.runner import run_job
from tdm_orchestrator.services import Services
from tdm_orchestrator.state import TDMState
from tdm_orchestrator.workflow_templates import build_request

CALLS: list[str] = []
CONNECTION_ID = str(uuid.uuid4())  # an id the API would accept; no step here reads it


def _fake_step(step: str, output: dict):
    def node(state: TDMState, runtime) -> dict:
        assert isinstance(runtime.context, JobContext)
        CALLS.append(step)
        return {**output, "step_results": {step: {"ok": True}}}

    def build():
        builder = StateGraph(TDMState, context_schema=JobContext)
        builder.add_node("work", node)
        builder.add_edge(START, "work")
        builder.add_edge("work", END)
        return builder.compile()

    return build


@pytest.fixture
def services(metadata_db_url, redis_url, tmp_path, monkeypatch):
    monkeypatch.setattr(
        master,
        "step_builders",
        lambda: {
            Step.DISCOVER: _fake_step(Step.DISCOVER, {"schema_version_id": str(uuid.uuid4())}),
            Step.PII: _fake_step(
                Step.PII, {"pii_map": [{"table": "customers", "column": "email", "pii_type": "email"}]}
            ),
            Step.SUBSET: _fake_step(Step.SUBSET, {"subset_dataset_version_id": str(uuid.uuid4())}),
            Step.MASK: _fake_step(Step.MASK, {"masked_dataset_version_id": str(uuid.uuid4())}),
        },
    )
    CALLS.clear()
    svc = Services.from_settings(
        MetadataStoreSettings(DATABASE_URL=metadata_db_url),
        CacheSettings(REDIS_URL=redis_url),
        DatasetStoreSettings(TDM_DATASET_DIR=str(tmp_path / "d")),
    )
    yield svc
    svc.close()


def _graph(services):
    saver, close = open_checkpointer(services.libpq_database_url)
    return master.build_master_graph().compile(checkpointer=saver), close


def _job(services, overrides: dict) -> str:
    operation, request = build_request("secure_masking", overrides)
    request["steps"] = ["discover_schema", "pii_classification", "subsetting", "masking"]
    with services.unit_of_work() as session:
        return str(JobRepository(session).create(str(operation), request).id)


def _job_row(services, job_id):
    with services.unit_of_work() as session:
        return JobRepository(session).get(uuid.UUID(job_id))


def test_pipeline_runs_steps_in_order_and_records_each(services):
    graph, close = _graph(services)
    job_id = _job(
        services, {"connection_id": CONNECTION_ID, "target_env": "QA", "subset": {"root_table": "customers"}}
    )
    assert run_job(job_id, services, graph, "w1") == "succeeded"
    close()
    assert CALLS == ["discover_schema", "pii_classification", "subsetting", "masking"]
    job = _job_row(services, job_id)
    steps = {s["name"]: s for s in job.progress_json["steps"]}
    assert all(steps[s]["status"] == "succeeded" for s in CALLS)
    assert (
        steps["subsetting"]["outputs"]["subset_dataset_version_id"]
        == job.result_json["subset_dataset_version_id"]
    )


def test_approval_pause_survives_a_restart_and_resumes(services):
    graph, close = _graph(services)
    job_id = _job(
        services, {"connection_id": CONNECTION_ID, "approve_pii": True, "subset": {"root_table": "customers"}}
    )
    assert run_job(job_id, services, graph, "w1") == "awaiting_approval"
    close()
    assert CALLS == ["discover_schema", "pii_classification"]
    assert _job_row(services, job_id).status == "awaiting_approval"

    with services.unit_of_work() as session:  # what POST /job/{id}/resume does
        JobRepository(session).resume(uuid.UUID(job_id), {"approved": True, "approved_by": "reviewer"})
    restarted, close = _graph(services)  # a new worker: nothing in memory
    assert run_job(job_id, services, restarted, "w2") == "succeeded"
    close()
    assert CALLS == ["discover_schema", "pii_classification", "subsetting", "masking"]


def test_rejection_cancels_without_running_downstream(services):
    graph, close = _graph(services)
    job_id = _job(
        services, {"connection_id": CONNECTION_ID, "approve_pii": True, "subset": {"root_table": "customers"}}
    )
    assert run_job(job_id, services, graph, "w1") == "awaiting_approval"
    with services.unit_of_work() as session:
        JobRepository(session).resume(uuid.UUID(job_id), {"approved": False, "reason": "address missed"})
    assert run_job(job_id, services, graph, "w1") == "cancelled"
    close()
    job = _job_row(services, job_id)
    assert "address missed" in job.error
    assert "subsetting" not in CALLS


def test_build_request_keeps_template_defaults_under_overrides():
    operation, request = build_request(
        "full_workflow", {"subset": {"root_table": "orders"}, "target_env": "QA"}
    )
    assert operation is Operation.FULL_TDM_PIPELINE
    assert request["subset"] == {"sampling_pct": 10, "seed": 42, "root_table": "orders"}
    assert request["steps"][0] == "discover_schema"


def test_events_carry_step_status(services, redis_url):
    from tdm_cache.events import JobEvents

    graph, close = _graph(services)
    job_id = _job(services, {"connection_id": CONNECTION_ID, "subset": {"root_table": "customers"}})
    run_job(job_id, services, graph, "w1")
    close()
    events = [e for _, e in JobEvents(sync_client(redis_url)).read(job_id, count=1000)]
    assert any(e.get("step") == "masking" and e.get("step_status") == "succeeded" for e in events)
