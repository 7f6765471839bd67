"""A dataset version is ready only when its job succeeds: a later step's failure fails it too."""

from __future__ import annotations

import uuid

import pytest
from langgraph.graph import END, START, StateGraph

from tdm_cache.settings import CacheSettings
from tdm_dataset_store import DatasetStoreSettings
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_metadata_store.repositories.jobs import JobRepository
from tdm_metadata_store.settings import MetadataStoreSettings
from tdm_orchestrator.checkpoints import open_checkpointer
from tdm_orchestrator.context import JobContext
from tdm_orchestrator.contract import Step
from tdm_orchestrator.graphs import master
from tdm_orchestrator.graphs.node_support import reserve_output_version
from tdm_orchestrator.runner import run_job
from tdm_orchestrator.services import Services
from tdm_orchestrator.state import TDMState
from tdm_orchestrator.workflow_templates import build_request

pytestmark = pytest.mark.integration
CONNECTION_ID = str(uuid.uuid4())  # an id the API would accept; no step here reads it


def _subgraph(node):
    builder = StateGraph(TDMState, context_schema=JobContext)
    builder.add_node("work", node)
    builder.add_edge(START, "work")
    builder.add_edge("work", END)
    return builder.compile()


def _subset_writes_a_ready_version(state: TDMState, runtime) -> dict:
    version_id = reserve_output_version(runtime, Step.SUBSET, source_type="subset", schema_version_id=None)
    with runtime.context.services.unit_of_work() as session:
        DatasetRepository(session).set_status(version_id, "ready", row_count=3)
    return {"subset_dataset_version_id": str(version_id), "step_results": {Step.SUBSET: {"ok": True}}}


def _mask_fails(state: TDMState, runtime) -> dict:
    raise TypeError("a bug after the subset's version was written")


@pytest.fixture
def services(metadata_db_url, redis_url, tmp_path, monkeypatch):
    monkeypatch.setattr(
        master,
        "step_builders",
        lambda: {
            Step.SUBSET: lambda: _subgraph(_subset_writes_a_ready_version),
            Step.MASK: lambda: _subgraph(_mask_fails),
        },
    )
    svc = Services.from_settings(
        MetadataStoreSettings(DATABASE_URL=metadata_db_url),
        CacheSettings(REDIS_URL=redis_url),
        DatasetStoreSettings(TDM_DATASET_DIR=str(tmp_path / "d")),
    )
    yield svc
    svc.close()


def test_failed_job_leaves_no_ready_version(services):
    operation, request = build_request(
        "secure_masking", {"connection_id": CONNECTION_ID, "subset": {"root_table": "t"}}
    )
    request["steps"] = ["subsetting", "masking"]
    with services.unit_of_work() as session:
        job_id = str(JobRepository(session).create(str(operation), request).id)
    saver, close = open_checkpointer(services.libpq_database_url)
    try:
        graph = master.build_master_graph().compile(checkpointer=saver)
        assert run_job(job_id, services, graph, "w1") == "failed"
    finally:
        close()
    with services.unit_of_work() as session:
        versions, _ = DatasetRepository(session).list(include_deleted=True)
        job = JobRepository(session).get(uuid.UUID(job_id))
    assert job.status == "failed"
    mine = [v for v in versions if str(v.job_id) == job_id]
    assert len(mine) == 1, "the subset step wrote one version"
    assert mine[0].status == "failed"
