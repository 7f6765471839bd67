"""What a provisioning run does: the reset mode, where tables land, and which checks run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ProvisionOptions:
    """What to do: the reset mode, where tables land, and which checks to run."""

    mode: str = "truncate"
    target_schema: str | None = None
    run_smoke_tests: bool = True
    smoke_queries: list[dict[str, Any]] = field(default_factory=list)
