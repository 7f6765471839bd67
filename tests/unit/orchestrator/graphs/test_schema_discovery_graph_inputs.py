"""Every discovery option reaches the agent's stages, for a direct job and through each workflow
template that discovers: the subgraph runs with an in-memory checkpointer up to the node that
writes the schema version, with the agent's stages recorded instead of reading a database."""

from __future__ import annotations

import uuid
from types import SimpleNamespace
from typing import Any

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from tdm_orchestrator.contract import Step
from tdm_orchestrator.graphs import schema_discovery
from tdm_orchestrator.workflow_templates import TEMPLATES, build_request

CONNECTION = str(uuid.uuid4())
OPTIONS = {"schemas": ["sales", "hr"], "include_stats": True, "sample_size": 321, "exact_counts": True}


class _Stages:
    """The agent's discovery stages, recording what each was given."""

    def __init__(self) -> None:
        self.calls: dict[str, dict[str, Any]] = {}

    def connect_db(self, url, hooks):
        self.calls["connect_db"] = {"url": url}
        return {"database": "src", "server_version": "16"}

    def fetch_tables(self, url, schemas, hooks):
        self.calls["fetch_tables"] = {"url": url, "schemas": schemas}
        return {"tables": [], "relationships": []}

    def profile_statistics(self, url, snapshot, sample_size, exact_counts, hooks):
        self.calls["profile_statistics"] = {"sample_size": sample_size, "exact_counts": exact_counts}
        return snapshot

    def __getattr__(self, name):  # the stages that take no options pass the snapshot on
        return lambda *args, hooks: args[-1]


def _run(monkeypatch, operation: str, request: dict[str, Any]) -> _Stages:
    stages = _Stages()
    monkeypatch.setattr(schema_discovery, "stages", stages)
    graph = schema_discovery.build_schema_discovery_graph()
    graph.checkpointer = InMemorySaver()
    hooks = SimpleNamespace(log=lambda *a, **k: None)
    services = SimpleNamespace(connection_url=lambda cid: f"postgresql://source/{cid}")
    context = SimpleNamespace(job_id=str(uuid.uuid4()), services=services, hooks=hooks)
    graph.invoke(
        {"operation": operation, "request": request},
        {"configurable": {"thread_id": "t"}},
        context=context,
        interrupt_before=["save_metadata"],
    )
    return stages


def _assert_options_arrived(stages: _Stages) -> None:
    assert stages.calls["connect_db"]["url"] == f"postgresql://source/{CONNECTION}"
    assert stages.calls["fetch_tables"]["schemas"] == OPTIONS["schemas"]
    assert stages.calls["profile_statistics"] == {"sample_size": 321, "exact_counts": True}


def test_a_discovery_job_hands_every_option_to_the_agent(monkeypatch):
    _assert_options_arrived(_run(monkeypatch, "DISCOVER_SCHEMA", {"connection_id": CONNECTION, **OPTIONS}))


@pytest.mark.parametrize(
    "template", sorted(t for t, spec in TEMPLATES.items() if Step.DISCOVER in spec["steps"])
)
def test_a_workflow_discover_section_reaches_the_agent(monkeypatch, template):
    operation, request = build_request(
        template,
        {"connection_id": CONNECTION, "target_env": "QA", "subset": {"root_table": "t"}, "discover": OPTIONS},
    )
    _assert_options_arrived(_run(monkeypatch, str(operation), request))


def test_statistics_are_skipped_when_the_request_says_so(monkeypatch):
    stages = _run(monkeypatch, "DISCOVER_SCHEMA", {"connection_id": CONNECTION, "include_stats": False})
    assert "profile_statistics" not in stages.calls and stages.calls["fetch_tables"]["schemas"] == ["public"]
