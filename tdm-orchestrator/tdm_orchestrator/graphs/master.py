"""The supergraph: parse_request → decide_operation → execute_subgraph ⇄ steps → finalize.

Each step is an agent's compiled subgraph added as a node, so with a checkpointer a re-delivered
job resumes inside the step it was running and never re-runs finished ones.
"""

from __future__ import annotations

from langgraph.graph import END, START, StateGraph

from tdm_orchestrator.context import JobContext
from tdm_orchestrator.graphs.registry import step_builders
from tdm_orchestrator.nodes.await_approval import AWAIT_APPROVAL, await_approval
from tdm_orchestrator.nodes.decide_operation import decide_operation
from tdm_orchestrator.nodes.execute_subgraph import FINALIZE, execute_subgraph, mark_step_done, next_step
from tdm_orchestrator.nodes.finalize import finalize
from tdm_orchestrator.nodes.parse_request import parse_request
from tdm_orchestrator.state import TDMState


def build_master_graph() -> StateGraph[TDMState, JobContext, TDMState, TDMState]:
    """The uncompiled supergraph (tests compile it with an in-memory checkpointer)."""
    builder = StateGraph(TDMState, context_schema=JobContext)
    builder.add_node("parse_request", parse_request)
    builder.add_node("decide_operation", decide_operation)
    builder.add_node("execute_subgraph", execute_subgraph)
    builder.add_node(FINALIZE, finalize)
    builder.add_node(AWAIT_APPROVAL, await_approval)
    builder.add_edge(AWAIT_APPROVAL, "execute_subgraph")
    destinations = [FINALIZE, AWAIT_APPROVAL]
    for step_name, build in step_builders().items():
        step = str(step_name)  # plain strings in state: checkpoints must not need our enum to load
        builder.add_node(step, build())
        builder.add_node(f"{step}_done", mark_step_done(step))
        builder.add_edge(step, f"{step}_done")
        builder.add_edge(f"{step}_done", "execute_subgraph")
        destinations.append(step)
    builder.add_edge(START, "parse_request")
    builder.add_edge("parse_request", "decide_operation")
    builder.add_edge("decide_operation", "execute_subgraph")
    builder.add_conditional_edges("execute_subgraph", next_step, destinations)
    builder.add_edge(FINALIZE, END)
    return builder
