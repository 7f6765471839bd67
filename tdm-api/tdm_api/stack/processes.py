"""Child processes of the supervisor: started with their own log, restarted with bounded backoff."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tdm_api.stack.services import ServiceSpec

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RestartPolicy:
    """Exponential backoff between restarts; a service that keeps dying is given up on."""

    initial_delay: float = 0.5
    max_delay: float = 10.0
    max_restarts: int = 5
    window: float = 120.0

    def delay(self, attempt: int) -> float:
        """Seconds to wait before restart number `attempt` (1-based)."""
        return float(min(self.max_delay, self.initial_delay * 2 ** (attempt - 1)))


@dataclass
class ManagedProcess:
    """One supervised service. States: running, restarting, failed, stopped."""

    spec: ServiceSpec
    log_path: Path
    policy: RestartPolicy = field(default_factory=RestartPolicy)
    state: str = "stopped"
    _process: subprocess.Popen[bytes] | None = None
    _restarts: list[float] = field(default_factory=list)
    _restart_at: float = 0.0

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process and self._process.poll() is None else None

    def start(self) -> None:
        """Start the process, appending its output to its log file."""
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log_file:
            # A session of its own: Ctrl-C in the terminal reaches the supervisor only, which then
            # stops services in order instead of every process dying at once.
            self._process = subprocess.Popen(
                self.spec.argv,
                env=self.spec.env,
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.state = "running"
        log.info("started %s (pid %s)", self.spec.name, self._process.pid)

    def wait_healthy(self, timeout: float = 60.0) -> bool:
        """True once the health URL answers 2xx (at once when there is none); False if it dies first."""
        if self.spec.health_url is None:
            return self.pid is not None
        deadline = time.monotonic() + timeout
        # One client for every poll: each new one builds a TLS context, loading the CA bundle.
        with httpx.Client(timeout=1.0) as client:
            while time.monotonic() < deadline and self.pid is not None:
                try:
                    if client.get(self.spec.health_url).is_success:
                        return True
                except httpx.HTTPError:
                    pass
                time.sleep(0.2)
        return False

    def check(self, now: float) -> None:
        """Notice a dead process and restart it when its backoff has elapsed."""
        if self.state == "running" and self._process is not None and self._process.poll() is not None:
            self._schedule_restart(now, self._process.returncode)
        elif self.state == "restarting" and now >= self._restart_at:
            self.start()

    def _schedule_restart(self, now: float, returncode: int) -> None:
        self._restarts = [t for t in self._restarts if now - t < self.policy.window] + [now]
        if len(self._restarts) > self.policy.max_restarts:
            self.state = "failed"
            log.error("%s exited with %s too often; not restarting it", self.spec.name, returncode)
            return
        delay = self.policy.delay(len(self._restarts))
        self.state, self._restart_at = "restarting", now + delay
        log.warning("%s exited with %s; restarting in %.1f s", self.spec.name, returncode, delay)

    def stop(self, timeout: float = 15.0) -> None:
        """SIGTERM the process group, then SIGKILL it if it has not exited within `timeout`."""
        self.state = "stopped"
        process = self._process
        if process is None or process.poll() is not None:
            return
        _signal_group(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _signal_group(process.pid, signal.SIGKILL)
            process.wait()
        log.info("stopped %s", self.spec.name)


def _signal_group(pid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, sig)
