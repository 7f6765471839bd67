"""Exit codes of the client commands: a CI pipeline branches on them."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What a client command's exit status means (documented in docs/ci.md)."""

    SUCCEEDED = 0
    INVALID_REQUEST = 2
    FAILED = 3
    CANCELLED = 4
    UNREACHABLE = 5
    AUTH_ERROR = 6
    AWAITING_APPROVAL = 7
    GATE_CLOSED = 8  # `tdm schemas drift-gate`: schema drift blocks mask and provision jobs


# A job's terminal (or parked) status and the exit code `--wait` ends with.
STATUS_EXIT: dict[str, ExitCode] = {
    "succeeded": ExitCode.SUCCEEDED,
    "failed": ExitCode.FAILED,
    "cancelled": ExitCode.CANCELLED,
    "awaiting_approval": ExitCode.AWAITING_APPROVAL,
}


def exit_code_for_status(http_status: int) -> ExitCode:
    """The exit code for an HTTP error status: auth errors apart, every 4xx is an invalid request."""
    if http_status in (401, 403):
        return ExitCode.AUTH_ERROR
    if 400 <= http_status < 500:
        return ExitCode.INVALID_REQUEST
    # 5xx: the API is there but cannot serve; a pipeline treats it like an unreachable API (retry later).
    return ExitCode.UNREACHABLE
