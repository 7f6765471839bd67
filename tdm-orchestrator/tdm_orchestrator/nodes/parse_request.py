"""parse_request: check the job's request is there and well-formed before any work starts."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from tdm_orchestrator.context import JobContext
from tdm_orchestrator.contract import Operation
from tdm_orchestrator.errors import PermanentJobError
from tdm_orchestrator.state import TDMState
from tdm_orchestrator.step_inputs import StepInputError, request_problems


def parse_request(state: TDMState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    request = state.get("request")
    if not isinstance(request, dict):
        raise PermanentJobError("The job has no request body.")
    try:
        operation = Operation(state.get("operation", ""))
    except ValueError as exc:
        raise PermanentJobError(f"Unknown operation {state.get('operation')!r}.") from exc
    problems = request_problems(operation, request)
    if problems:  # before any step runs: a misplaced option must not fall back to a default
        raise StepInputError("; ".join(problems))
    runtime.context.hooks.log(f"Job started: {state['operation']}", stage="parse_request")
    update: dict[str, Any] = {"current_node": "parse_request"}
    for key in ("connection_id", "schema_version_id", "dataset_version_id", "target_env"):
        if request.get(key) and not state.get(key):
            update[key] = str(request[key])
    return update
