"""What every node receives besides the state: the job's id, its hooks and the platform's services.

Passed as LangGraph's run context, so it is never checkpointed (it holds connections, not data).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tdm_orchestrator.hooks import WorkerJobHooks
    from tdm_orchestrator.services import Services


@dataclass
class JobContext:
    job_id: str
    services: Services
    hooks: WorkerJobHooks
