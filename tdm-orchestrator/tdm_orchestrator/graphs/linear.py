"""The shape every agent subgraph shares: its nodes run one after the other, each retried on
transient failures with the same bounded backoff."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from tdm_orchestrator.context import JobContext
from tdm_orchestrator.errors import transient_retry_policy
from tdm_orchestrator.state import StepState

Node = Callable[..., dict[str, Any]]
# A compiled agent subgraph: it reads part of the job's state, works on its own records and writes
# back only what its `writes` schema declares; it runs with the job's context.
Subgraph = CompiledStateGraph[StepState, JobContext, Any, Any]


def build_linear_graph(
    nodes: Sequence[Node], *, reads: type[Any] = StepState, writes: type[Any] = StepState
) -> Subgraph:
    """Compile START → nodes[0] → … → nodes[-1] → END; each node is named after its function.

    `reads` and `writes` are the TypedDicts of the job-state keys the subgraph takes in and hands back.
    """
    builder = StateGraph(StepState, context_schema=JobContext, input_schema=reads, output_schema=writes)
    retry = transient_retry_policy()
    previous = START
    for node in nodes:
        builder.add_node(node.__name__, node, retry_policy=retry)
        builder.add_edge(previous, node.__name__)
        previous = node.__name__
    builder.add_edge(previous, END)
    return builder.compile()
