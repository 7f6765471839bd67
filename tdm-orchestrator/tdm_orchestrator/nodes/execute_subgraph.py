"""execute_subgraph: route to the next step's subgraph, or to finalize when all are done."""

from __future__ import annotations

from typing import Any, Literal, cast

from langgraph.runtime import Runtime

from tdm_orchestrator.context import JobContext
from tdm_orchestrator.contract import Step
from tdm_orchestrator.errors import PermanentJobError
from tdm_orchestrator.nodes.await_approval import AWAIT_APPROVAL, needs_approval
from tdm_orchestrator.state import TDMState

FINALIZE = "finalize"
# Where execute_subgraph may route: a step's subgraph (the wire names of `Step`), the pause, or the end.
NextStep = Literal[
    "discover_schema", "pii_classification", "subsetting", "masking", "synthetic", "provisioning", "noop",
    "await_approval", "finalize",
]  # fmt: skip
_STEPS = frozenset(str(s) for s in Step)


def next_step(state: TDMState) -> NextStep:
    if needs_approval(state):
        return "await_approval"
    done = set(state.get("completed_steps") or [])
    pending = [s for s in state.get("steps") or [] if s not in done]
    if not pending:
        return "finalize"
    if pending[0] not in _STEPS:
        raise PermanentJobError(f"Unknown step {pending[0]!r}.")
    return cast(NextStep, pending[0])


def execute_subgraph(state: TDMState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    step = next_step(state)
    hooks = runtime.context.hooks
    hooks.check_cancelled()
    steps = state.get("steps") or []
    done = list(state.get("completed_steps") or [])
    if done:
        hooks.step_status(done[-1], "succeeded", _outputs(state, done[-1]))
    if step == AWAIT_APPROVAL:
        hooks.step_status(AWAIT_APPROVAL, "waiting")
    elif step != FINALIZE:
        hooks.step_status(step, "running")
        hooks.progress("pipeline", steps.index(step), len(steps), f"Running {step}")
    return {"current_node": f"execute_subgraph:{step}"}


_OUTPUT_KEYS = (
    "schema_id",
    "schema_version_id",
    "subset_dataset_version_id",
    "masked_dataset_version_id",
    "synthetic_dataset_version_id",
    "target_env",
)


def _outputs(state: TDMState, step: str) -> dict[str, Any]:
    summary = (state.get("step_results") or {}).get(step) or {}
    ids = {k: state[k] for k in _OUTPUT_KEYS if state.get(k)}  # type: ignore[literal-required]
    return {**ids, **{k: v for k, v in summary.items() if isinstance(v, str | int | float | bool)}}


def mark_step_done(step: str):
    """A tiny node after each subgraph, so a resumed job knows the step finished."""

    def _done(state: TDMState) -> dict[str, Any]:
        return {"completed_steps": [step]}

    _done.__name__ = f"{step}_done"
    return _done
