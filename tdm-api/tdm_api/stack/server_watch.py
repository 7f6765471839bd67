"""Keeping the stack's own servers (PostgreSQL, Redis) up while `tdm up` runs.

A server that dies is started again on the same port, with the same data directory and password,
so every URL the API, the workers and the CLI hold stays valid; its persistence (PostgreSQL's WAL,
Redis's append-only file) brings queued jobs and checkpoints back with it. Unlike a service, a
server is never given up on: nothing works without it, so it is retried at the longest backoff.
"""

from __future__ import annotations

import logging
import subprocess
from dataclasses import dataclass, field
from typing import Protocol

from tdm_api.stack.processes import RestartPolicy

log = logging.getLogger(__name__)


class EmbeddedServer(Protocol):
    """What EmbeddedPostgres and EmbeddedRedis offer the watch."""

    port: int | None

    def running(self) -> bool: ...

    def start(self, timeout: float = ..., same_port: bool = ...) -> str: ...


@dataclass
class ServerWatch:
    """One server. States: running, restarting."""

    name: str
    server: EmbeddedServer
    policy: RestartPolicy = field(default_factory=RestartPolicy)
    state: str = "running"
    restarts: int = 0
    _attempt: int = 0
    _restart_at: float = 0.0

    def check(self, now: float) -> None:
        """Notice a dead server; start it again once its backoff has elapsed."""
        if self.state == "running":
            if not self.server.running():
                log.warning("%s on port %s stopped; starting it again", self.name, self.server.port)
                self._schedule(now, first=True)
        elif now >= self._restart_at:
            self._restart(now)

    def _schedule(self, now: float, first: bool = False) -> None:
        self._attempt = 1 if first else self._attempt + 1
        self.state = "restarting"
        self._restart_at = now + (0.0 if first else self.policy.delay(self._attempt - 1))

    def _restart(self, now: float) -> None:
        try:
            self.server.start(same_port=True)
        except (OSError, RuntimeError, subprocess.CalledProcessError) as exc:
            # The message names ports and paths only; never a password.
            log.error("%s could not be started again (%s); retrying", self.name, _reason(exc))
            self._schedule(now)
            return
        self.state, self.restarts = "running", self.restarts + 1
        log.info("%s is back on port %s", self.name, self.server.port)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, subprocess.CalledProcessError):
        return f"exit status {exc.returncode}"
    return str(exc) if isinstance(exc, RuntimeError) else type(exc).__name__
