"""The shape every agent subgraph shares: its nodes run one after the other, each retried on
transient failures with the same bounded backoff."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from tdm_orchestrator.context import JobContext
from tdm_orchestrator.errors import transient_retry_policy
from tdm_orchestrator.state import TDMState

Node = Callable[..., dict[str, Any]]
# A compiled agent subgraph: it reads and writes the job's state and runs with the job's context.
Subgraph = CompiledStateGraph[TDMState, JobContext, TDMState, TDMState]


def build_linear_graph(nodes: Sequence[Node]) -> Subgraph:
    """Compile START → nodes[0] → … → nodes[-1] → END; each node is named after its function."""
    builder = StateGraph(TDMState, context_schema=JobContext)
    retry = transient_retry_policy()
    previous = START
    for node in nodes:
        builder.add_node(node.__name__, node, retry_policy=retry)
        builder.add_edge(previous, node.__name__)
        previous = node.__name__
    builder.add_edge(previous, END)
    return builder.compile()
