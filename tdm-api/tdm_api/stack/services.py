"""The seam between the embedded stack and the processes it supervises (API server, workers).

`stack_services` turns the stack's environment into process specifications. A service kind is
offered only once the `tdm` command it runs exists, so `tdm up` works at every stage of the project:
adding `tdm_api/cli/api.py` (the `tdm api` command) makes the API join the stack with no other change.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit


@dataclass(frozen=True)
class ServiceSpec:
    """One child process of the supervisor: how to start it and how to know it is healthy."""

    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    health_url: str | None = None


ServiceBuilder = Callable[[Path, Mapping[str, str]], list[ServiceSpec]]


@dataclass(frozen=True)
class ServiceKind:
    """A kind of supervised process, offered only when the module of its `tdm` command exists."""

    name: str
    cli_module: str
    build: ServiceBuilder


def tdm_command(*args: str) -> list[str]:
    """The argv that runs `tdm <args>` with this interpreter (no reliance on PATH)."""
    return [sys.executable, "-m", "tdm_api.cli.main", *args]


def _api_services(home: Path, env: Mapping[str, str]) -> list[ServiceSpec]:
    api_url = env["TDM_API_URL"].rstrip("/")
    port = str(urlsplit(api_url).port)
    argv = tdm_command("api", "--host", "127.0.0.1", "--port", port)
    return [ServiceSpec("api", argv, dict(env), health_url=f"{api_url}/api/v1/health")]


def _worker_services(home: Path, env: Mapping[str, str]) -> list[ServiceSpec]:
    count = int(env.get("TDM_WORKERS", "1"))
    return [ServiceSpec(f"worker-{n}", tdm_command("worker"), dict(env)) for n in range(1, count + 1)]


SERVICE_KINDS: list[ServiceKind] = [
    ServiceKind("api", "tdm_api.cli.api", _api_services),
    ServiceKind("worker", "tdm_api.cli.worker", _worker_services),
]


def register_service_kind(kind: ServiceKind) -> None:
    """Add (or replace, by name) a kind of supervised process."""
    SERVICE_KINDS[:] = [existing for existing in SERVICE_KINDS if existing.name != kind.name] + [kind]


def _module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def stack_services(home: Path, env: Mapping[str, str]) -> list[ServiceSpec]:
    """The processes `tdm up` supervises for this `TDM_HOME` and environment, in start order."""
    return [
        spec for kind in SERVICE_KINDS if _module_exists(kind.cli_module) for spec in kind.build(home, env)
    ]
