"""Which part of a job's request a step reads.

A single-step operation's request is the step's request. A composite request nests each step's
options under the step's key (`subset`, `masking`, `synthetic`, `provision`, `pii`, `discover`)
and shares the top-level ids (`connection_id`, `schema_version_id`, `target_env`, ...); a step
sees the shared keys overlaid with its own.
"""

from __future__ import annotations

from typing import Any

from tdm_orchestrator.contract import OPERATION_STEPS, Operation, Step
from tdm_orchestrator.state import TDMState

STEP_KEYS: dict[str, str] = {
    Step.DISCOVER: "discover",
    Step.PII: "pii",
    Step.SUBSET: "subset",
    Step.MASK: "masking",
    Step.SYNTHETIC: "synthetic",
    Step.PROVISION: "provision",
    Step.NOOP: "noop",
}
_ALL_STEP_KEYS = frozenset(STEP_KEYS.values())


def is_composite(operation: str) -> bool:
    try:
        return len(OPERATION_STEPS[Operation(operation)]) > 1
    except ValueError:
        return False


def step_request(state: TDMState, step: str) -> dict[str, Any]:
    """The request as `step` should read it (see the module docstring)."""
    request = dict(state.get("request") or {})
    if not is_composite(state.get("operation", "")):
        return request
    own = request.get(STEP_KEYS[step]) or {}
    shared = {k: v for k, v in request.items() if k not in _ALL_STEP_KEYS}
    return {**shared, **(own if isinstance(own, dict) else {})}
