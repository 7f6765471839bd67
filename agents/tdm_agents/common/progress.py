"""How long-running agent work reports progress and notices cancellation.

Agents stay independent of the orchestrator: they receive a `JobHooks` object and call it. The
orchestrator's implementation writes job logs and publishes Redis events; tests use `NullHooks`
or `RecordingHooks`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


class JobCancelled(Exception):
    """Raised from `JobHooks.check_cancelled()` when the job's cancel flag is set."""


class JobHooks(Protocol):
    def progress(self, stage: str, done: int, total: int | None = None, message: str = "") -> None:
        """Report progress of a stage (rows, tables or columns done out of total)."""

    def log(self, message: str, level: str = "info", stage: str | None = None) -> None:
        """Append a job log line. Never pass row values or secrets."""

    def check_cancelled(self) -> None:
        """Raise JobCancelled if the job has been cancelled; call it between batches."""


class NullHooks:
    """Hooks that do nothing: for synchronous previews and library use."""

    def progress(self, stage: str, done: int, total: int | None = None, message: str = "") -> None:
        return None

    def log(self, message: str, level: str = "info", stage: str | None = None) -> None:
        return None

    def check_cancelled(self) -> None:
        return None


@dataclass
class RecordingHooks:
    """Hooks that remember every call: for tests, and to cancel after N checks."""

    events: list[tuple[str, int, int | None, str]] = field(default_factory=list)
    logs: list[tuple[str, str, str | None]] = field(default_factory=list)
    cancel_after_checks: int | None = None
    checks: int = 0

    def progress(self, stage: str, done: int, total: int | None = None, message: str = "") -> None:
        self.events.append((stage, done, total, message))

    def log(self, message: str, level: str = "info", stage: str | None = None) -> None:
        self.logs.append((level, message, stage))

    def check_cancelled(self) -> None:
        self.checks += 1
        if self.cancel_after_checks is not None and self.checks > self.cancel_after_checks:
            raise JobCancelled("cancelled")
