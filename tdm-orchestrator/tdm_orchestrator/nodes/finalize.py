"""finalize: the job's result, built from each step's summary."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from tdm_orchestrator.context import JobContext
from tdm_orchestrator.state import TDMState

_RESULT_IDS = (
    "schema_id",
    "schema_version_id",
    "subset_dataset_version_id",
    "masked_dataset_version_id",
    "synthetic_dataset_version_id",
    "dataset_version_id",
    "target_env",
)


def build_result(state: TDMState) -> dict[str, Any]:
    result: dict[str, Any] = {"operation": state.get("operation"), "steps": state.get("steps") or []}
    for key in _RESULT_IDS:
        if state.get(key):
            result[key] = state[key]  # type: ignore[literal-required]
    # The dataset the job produced last, so clients can link one id whatever the operation.
    produced = (
        state.get("masked_dataset_version_id")
        or state.get("synthetic_dataset_version_id")
        or state.get("subset_dataset_version_id")
    )
    if produced:
        if result.get("dataset_version_id") and result["dataset_version_id"] != produced:
            result["input_dataset_version_id"] = result["dataset_version_id"]
        result["dataset_version_id"] = produced
    result["step_results"] = state.get("step_results") or {}
    if state.get("provisioning_result"):
        result.update(state["provisioning_result"])
    return result


def finalize(state: TDMState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    runtime.context.hooks.progress(
        "pipeline", len(state.get("steps") or []), len(state.get("steps") or []), "All steps finished"
    )
    runtime.context.hooks.log("Job finished", stage="finalize")
    return {"current_node": "finalize"}
