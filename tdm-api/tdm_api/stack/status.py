"""What `tdm status` reports: each component of the embedded stack, running or not, and where."""

from __future__ import annotations

from dataclasses import dataclass

import psutil

from tdm_api.stack.control import running_supervisor_pid
from tdm_api.stack.embedded_postgres import EmbeddedPostgres
from tdm_api.stack.embedded_redis import EmbeddedRedis
from tdm_api.stack.home import StackHome


@dataclass(frozen=True)
class ComponentStatus:
    """One component: its name, whether it runs, its address and its pid."""

    name: str
    running: bool
    address: str = ""
    pid: int | None = None


def _pid_alive(pid: int | None) -> bool:
    try:
        return pid is not None and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def stack_status(home: StackHome) -> list[ComponentStatus]:
    """The supervisor, PostgreSQL, Redis and every supervised service of `home`."""
    supervisor_pid = running_supervisor_pid(home)
    postgres, redis = EmbeddedPostgres(home.postgres_dir), EmbeddedRedis(home.redis_dir)
    pg_port, redis_port = postgres.running_port(), redis.running_port()
    components = [
        ComponentStatus("supervisor", supervisor_pid is not None, str(home.root), supervisor_pid),
        ComponentStatus(
            "postgres", postgres.running(), f"127.0.0.1:{pg_port}" if pg_port else "", postgres.running_pid()
        ),
        ComponentStatus(
            "redis", redis.running(), f"127.0.0.1:{redis_port}" if redis_port else "", redis.running_pid()
        ),
    ]
    services = home.read_state().get("services", {}) if supervisor_pid is not None else {}
    for name, service in services.items():
        pid = service.get("pid")
        running = service.get("state") == "running" and _pid_alive(pid)
        components.append(ComponentStatus(name, running, service.get("url") or "", pid if running else None))
    return components


def all_running(components: list[ComponentStatus]) -> bool:
    """Whether every component runs (the exit code of `tdm status` depends on it)."""
    return all(component.running for component in components)
