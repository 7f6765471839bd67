"""decide_operation: turn the operation (and, for composites, the request) into a list of steps."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from tdm_orchestrator.context import JobContext
from tdm_orchestrator.contract import Operation, plan_steps
from tdm_orchestrator.state import TDMState


def decide_operation(state: TDMState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    steps = plan_steps(Operation(state["operation"]), state["request"])
    runtime.context.hooks.log(f"Plan: {' → '.join(steps)}", stage="decide_operation")
    return {"steps": steps, "current_node": "decide_operation"}
