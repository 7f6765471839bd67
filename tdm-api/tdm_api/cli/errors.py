"""One-line messages for the errors a person can fix: bad settings (exit 2), unreachable services (exit 1)."""

from __future__ import annotations

import re
import subprocess

from pydantic import ValidationError

from tdm_api.cli.settings_fields import env_name_for_location
from tdm_api.stack.supervisor import StackError

SETTINGS_ERROR_EXIT = 2
RUNTIME_ERROR_EXIT = 1

_URL_CREDENTIALS = re.compile(r"(\w+://[^:/@\s]*):[^@\s]*@")


def redact(text: str) -> str:
    """`text` with passwords in URLs replaced by `***`."""
    return _URL_CREDENTIALS.sub(r"\1:***@", text)


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _describe_problem(error_type: str, message: str) -> str:
    if error_type == "missing":
        return "is not set"
    message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    # Custom validators say "must be ...", "needs ..."; pydantic's own messages are sentences.
    if message[:1].islower():
        return message
    return "is invalid: " + message[:1].lower() + message[1:]


def describe_validation_error(exc: ValidationError) -> str:
    """One line naming each bad environment variable and what is wrong, never its value."""
    problems = []
    for error in exc.errors(include_url=False, include_input=False, include_context=False):
        location = str(error["loc"][0]) if error["loc"] else ""
        name = env_name_for_location(exc.title, location)
        problems.append(f"{name} {_describe_problem(error['type'], error['msg'])}")
    return "; ".join(problems)


def describe_runtime_error(exc: BaseException) -> str | None:
    """A one-line description of an error a person can act on; None for a programming error."""
    if isinstance(exc, StackError):
        return str(exc)
    if isinstance(exc, subprocess.CalledProcessError):
        program = str(exc.cmd[0] if isinstance(exc.cmd, list | tuple) else exc.cmd).rsplit("/", 1)[-1]
        detail = _first_line(exc.stderr if isinstance(exc.stderr, str) else "")
        return redact(f"{program} failed with exit code {exc.returncode}" + (f": {detail}" if detail else ""))
    service = _unreachable_service(exc)
    if service is not None:
        cause = getattr(exc, "orig", None) or exc
        return redact(f"cannot reach {service}: {_first_line(str(cause))}")
    if isinstance(exc, OSError):
        where = f": {exc.filename}" if exc.filename else ""
        return redact(f"{exc.strerror or exc}{where}")
    return None


def _unreachable_service(exc: BaseException) -> str | None:
    package = type(exc).__module__.split(".")[0]
    name = type(exc).__name__
    if package in {"psycopg", "sqlalchemy"} and name == "OperationalError":
        return "PostgreSQL"
    if package == "redis" and name in {"ConnectionError", "TimeoutError"}:
        return "Redis"
    if package == "httpx" and name in {"ConnectError", "ConnectTimeout"}:
        return "the TDM API"
    if isinstance(exc, ConnectionError):
        return "a service"
    return None
