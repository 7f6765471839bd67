"""await_approval: pause after PII classification until a person approves or rejects the PII map.

The pause is a LangGraph interrupt, checkpointed in PostgreSQL: the job shows `awaiting_approval`
and no worker holds it, so a worker restart while waiting loses nothing. `POST /job/{id}/resume`
stores the answer (and any PII review decisions) and queues the job again.
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime
from langgraph.types import interrupt

from tdm_orchestrator.context import JobContext
from tdm_orchestrator.state import TDMState

AWAIT_APPROVAL = "await_approval"


class ApprovalRejected(Exception):
    """A person rejected the PII map: the job ends cancelled, nothing downstream runs."""


def needs_approval(state: TDMState) -> bool:
    request = state.get("request") or {}
    done = set(state.get("completed_steps") or [])
    return bool(request.get("approve_pii")) and "pii_classification" in done and not state.get("approval")


def await_approval(state: TDMState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    pii_columns = len(state.get("pii_map") or [])
    answer = interrupt(
        {
            "kind": "approve_pii",
            "schema_version_id": state.get("schema_version_id"),
            "pii_columns": pii_columns,
        }
    )
    if not isinstance(answer, dict) or not answer.get("approved"):
        reason = (answer or {}).get("reason") if isinstance(answer, dict) else None
        raise ApprovalRejected("The PII classification was rejected" + (f": {reason}" if reason else "."))
    runtime.context.hooks.log(
        f"PII map approved by {answer.get('approved_by', 'a reviewer')}", stage=AWAIT_APPROVAL
    )
    return {
        "approval": {
            "approved": True,
            "approved_by": answer.get("approved_by"),
            "reviews": len(answer.get("reviews") or []),
        },
        "current_node": AWAIT_APPROVAL,
    }
