"""A step that does nothing but report: measures the pipeline's own overhead (bench/queue_*)."""

from __future__ import annotations

from typing import Any

from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime

from tdm_orchestrator.context import JobContext
from tdm_orchestrator.state import TDMState


def noop(state: TDMState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    runtime.context.hooks.progress("noop", 1, 1, "nothing to do")
    return {"step_results": {"noop": {"ok": True}}}


def build_noop_graph():
    builder = StateGraph(TDMState, context_schema=JobContext)
    builder.add_node("noop", noop)
    builder.add_edge(START, "noop")
    builder.add_edge("noop", END)
    return builder.compile()
