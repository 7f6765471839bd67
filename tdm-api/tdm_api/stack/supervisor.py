"""The supervisor behind `tdm up`: starts the servers and services, watches them, stops them in order."""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from tdm_api.stack.bootstrap import (
    ensure_admin_key,
    prepare_metadata_database,
    stack_environment,
    write_stack_env_file,
)
from tdm_api.stack.embedded_postgres import EmbeddedPostgres
from tdm_api.stack.embedded_redis import EmbeddedRedis
from tdm_api.stack.home import StackHome
from tdm_api.stack.keys import POSTGRES_PASSWORD, REDIS_PASSWORD, ensure_secrets, mask, redact_url
from tdm_api.stack.ports import free_port, port_is_free
from tdm_api.stack.processes import ManagedProcess, RestartPolicy
from tdm_api.stack.server_watch import ServerWatch
from tdm_api.stack.services import stack_services

log = logging.getLogger(__name__)

DEFAULT_API_PORT = 8000


class StackError(RuntimeError):
    """The embedded stack cannot start or stop; the message is one line meant for a person."""


@dataclass(frozen=True)
class UpOptions:
    """What `tdm up` was asked for."""

    workers: int = 1
    api_port: int | None = None


@dataclass
class StackSummary:
    """What a person needs after `tdm up`: where things are and which settings are in use."""

    home: str
    components: dict[str, str]
    settings: dict[str, str]
    admin_key: str | None = None
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the detached supervisor sends it to `tdm up -d`)."""
        return asdict(self)


def choose_api_port(requested: int | None, previous: int | None) -> int:
    """The requested port (which must be free), else the previous run's, else 8000, else any free one."""
    if requested is not None:
        if not port_is_free(requested):
            raise StackError(f"port {requested} for the API is already in use")
        return requested
    for candidate in (previous, DEFAULT_API_PORT):
        if candidate is not None and port_is_free(candidate):
            return candidate
    return free_port()


class Supervisor:
    """Owns the servers and service processes of one `TDM_HOME` for the lifetime of `tdm up`."""

    def __init__(self, home: StackHome, options: UpOptions, policy: RestartPolicy | None = None) -> None:
        self.home = home
        self.options = options
        self.policy = policy or RestartPolicy()
        ports = home.read_state().get("ports", {})
        self.postgres = EmbeddedPostgres(home.postgres_dir, port=ports.get("postgres"))
        self.redis = EmbeddedRedis(home.redis_dir, port=ports.get("redis"))
        self.api_port = choose_api_port(options.api_port, ports.get("api"))
        self.services: list[ManagedProcess] = []
        self.servers: list[ServerWatch] = []

    def start(self) -> StackSummary:
        """Start everything and return the summary; on failure stop what was started, then raise."""
        try:
            return self._start()
        except BaseException:
            self.shutdown()
            raise

    def _start(self) -> StackSummary:
        self.home.create()
        secrets = ensure_secrets(self.home.secrets_file)
        self.postgres.password = secrets[POSTGRES_PASSWORD]
        self.redis.password = secrets[REDIS_PASSWORD]
        self.postgres.start()
        redis_url = self.redis.start()
        self.servers = [
            ServerWatch("postgres", self.postgres, self.policy),
            ServerWatch("redis", self.redis, self.policy),
        ]
        database_url = prepare_metadata_database(self.postgres)
        settings = stack_environment(self.home, database_url, redis_url, f"http://127.0.0.1:{self.api_port}")
        write_stack_env_file(self.home, settings)
        admin_key = ensure_admin_key(database_url)
        self._write_state()
        service_env = {
            **os.environ,
            **settings,
            **secrets,
            "TDM_WORKERS": str(self.options.workers),
            "TDM_API_HOST": "127.0.0.1",
            "TDM_API_PORT": str(self.api_port),
            "TDM_ENV_FILE": str(self.home.env_file),
        }
        self._start_services(service_env)
        shown = {name: mask(name, value) for name, value in {**settings, **secrets}.items()}
        return StackSummary(
            home=str(self.home.root), components=self._component_urls(), settings=shown, admin_key=admin_key
        )

    def _start_services(self, env: dict[str, str]) -> None:
        for spec in stack_services(self.home.root, env):
            process = ManagedProcess(spec, self.home.service_log(spec.name), self.policy)
            self.services.append(process)
            process.start()
        for process in self.services:
            if not process.wait_healthy():
                raise StackError(f"{process.spec.name} did not become healthy; see {process.log_path}")
        self._write_state()

    def _component_urls(self) -> dict[str, str]:
        urls = {"postgres": redact_url(self.postgres.url), "redis": redact_url(self.redis.url)}
        urls.update({p.spec.name: p.spec.health_url or f"pid {p.pid}" for p in self.services})
        return urls

    def _write_state(self) -> None:
        self.home.write_state(
            {
                "ports": {"postgres": self.postgres.port, "redis": self.redis.port, "api": self.api_port},
                "services": {
                    p.spec.name: {"pid": p.pid, "state": p.state, "url": p.spec.health_url}
                    for p in self.services
                },
            }
        )

    def watch(self, stop: threading.Event, interval: float = 0.5) -> None:
        """Restart servers and services that die (with backoff) until `stop` is set."""
        while not stop.wait(interval):
            now = time.monotonic()
            for server in self.servers:
                server.check(now)
            before = [(p.state, p.pid) for p in self.services]
            for process in self.services:
                process.check(time.monotonic())
            if before != [(p.state, p.pid) for p in self.services]:
                self._write_state()

    def shutdown(self) -> None:
        """Stop services (newest first), then Redis, then PostgreSQL."""
        for process in reversed(self.services):
            process.stop()
        self.redis.stop()
        self.postgres.stop()
        if self.services:
            self._write_state()
