"""The helpers every agent subgraph shares: the linear builder, step summaries, skipped nodes and
the job-derived output version ids."""

from __future__ import annotations

import uuid
from types import SimpleNamespace
from typing import Any

from tdm_orchestrator.context import JobContext
from tdm_orchestrator.graphs.linear import build_linear_graph
from tdm_orchestrator.graphs.node_support import output_version_id, skip_node, step_summary

JOB = uuid.UUID("0c7d3a52-9e61-4f0b-8a2e-5b4c3d2e1f00")


def _appending(name: str):
    def node(state: dict[str, Any]) -> dict[str, Any]:
        return {"steps": [*state.get("steps", []), name]}

    node.__name__ = name
    return node


def test_linear_graph_runs_its_nodes_in_order_under_their_function_names():
    graph = build_linear_graph([_appending("first"), _appending("second"), _appending("third")])
    assert {"first", "second", "third"} <= set(graph.get_graph().nodes)
    assert graph.invoke({"steps": []})["steps"] == ["first", "second", "third"]


def test_step_summary_adds_to_what_earlier_nodes_reported():
    state = {"step_results": {"subsetting": {"parameters": {"a": 1}}, "masking": {"x": 1}}}
    update = step_summary(state, "subsetting", estimate=5)
    assert update == {"subsetting": {"parameters": {"a": 1}, "estimate": 5}}
    assert step_summary({}, "synthetic", rows=2) == {"synthetic": {"rows": 2}}


def test_a_skipped_node_logs_why_and_reports_itself():
    lines: list[tuple[str, str | None]] = []
    hooks = SimpleNamespace(log=lambda message, stage=None: lines.append((message, stage)))
    runtime = SimpleNamespace(context=JobContext(job_id=str(JOB), services=None, hooks=hooks))
    assert skip_node(runtime, "crawl_ui", "no UI URLs") == {"current_node": "crawl_ui"}
    assert lines == [("Nothing to do: no UI URLs", "crawl_ui")]


def test_output_version_ids_stay_those_earlier_workers_derived():
    # A job resumed by a newer worker must find the version an older worker reserved.
    masking_ns = uuid.UUID("5b0c7f0e-3a51-4d8e-9a7e-6d1f2c3b4a59")
    synthetic_ns = uuid.UUID("9e4c2a71-5f3d-4b8e-a1c6-7d2e0f9b3a58")
    assert output_version_id(JOB, "subsetting") == uuid.uuid5(JOB, "subsetting")
    assert output_version_id(JOB, "masking") == uuid.uuid5(masking_ns, f"{JOB}/masking")
    assert output_version_id(JOB, "synthetic") == uuid.uuid5(synthetic_ns, f"{JOB}/synthetic")
    other_job = uuid.UUID("0c7d3a52-9e61-4f0b-8a2e-5b4c3d2e1f01")
    assert output_version_id(other_job, "masking") != output_version_id(JOB, "masking")
