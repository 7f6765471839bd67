"""`tdm up -d`, `tdm status`, `tdm down` and `tdm migrate` as a person runs them: real processes."""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from tdm_api.stack.env_files import read_env_file
from tdm_api.stack.ports import free_port

pytestmark = pytest.mark.integration

TDM = str(Path(sys.executable).parent / "tdm")
# Variables that would point the command at another stack or database than the test's own.
FOREIGN_SETTINGS = (
    "TDM_ENV_FILE",
    "DATABASE_URL",
    "REDIS_URL",
    "TDM_WORKERS",
    "TDM_API_URL",
    "API_SECRET_KEY",
)


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in FOREIGN_SETTINGS}
    return {**env, "TDM_HOME": str(home), **extra}


def tdm(home: Path, *args: str, timeout: float = 120, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TDM, *args], env=_env(home, **extra), capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture
def home(tmp_path: Path):
    yield tmp_path
    tdm(tmp_path, "down")  # never leave servers behind, whatever the test did


def _up(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = tdm(home, "up", "-d", *args)
    assert result.returncode == 0, result.stdout + result.stderr
    status = tdm(home, "status")
    assert status.returncode == 0, status.stdout
    assert "stopped" not in status.stdout
    return result


def _down(home: Path) -> None:
    result = tdm(home, "down")
    assert result.returncode == 0, result.stderr
    assert tdm(home, "status").returncode == 3


def _ports(home: Path) -> dict[str, int]:
    return dict(json.loads((home / "stack.json").read_text())["ports"])


def _admin_keys(output: str) -> list[str]:
    return re.findall(r"tdm_[A-Za-z0-9_-]{43}", output)


def _authenticates_as_admin(database_url: str, key: str) -> bool:
    from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
    from tdm_metadata_store.repositories import ApiKeyRepository

    engine = make_engine(database_url)
    try:
        with unit_of_work(make_session_factory(engine)) as session:
            row = ApiKeyRepository(session).authenticate(key)
            return row is not None and row.role == "admin"
    finally:
        engine.dispose()


def test_stack_twice_with_the_same_home_keeps_data_ports_secrets_and_admin_key(home: Path):
    """Two `up -d / status / down` rounds; one stack start is slow enough to share the checks."""
    # An explicit port: stacks of tests running side by side would all take the default, 8000.
    first = _up(home, "--api-port", str(free_port()))
    database_url = read_env_file(home / "tdm.env")["DATABASE_URL"]
    secrets = read_env_file(home / "secrets.env")
    assert stat.S_IMODE((home / "secrets.env").stat().st_mode) == 0o600
    assert all(value not in first.stdout for value in secrets.values())
    assert (home / "datasets").is_dir()
    (admin_key,) = _admin_keys(first.stdout)
    assert "Admin API key" in first.stdout
    assert admin_key not in (home / "logs" / "supervisor.log").read_text()
    migrated = tdm(home, "migrate")  # finds the stack through $TDM_HOME/tdm.env
    assert migrated.returncode == 0, migrated.stderr
    assert "is at revision" in migrated.stdout
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE persistence_check (note text)")
        conn.execute("INSERT INTO persistence_check VALUES ('written by the first run')")
    ports = _ports(home)
    _down(home)

    second = _up(home)
    assert _admin_keys(second.stdout) == []
    assert _ports(home) == ports
    assert read_env_file(home / "secrets.env") == secrets
    database_url = read_env_file(home / "tdm.env")["DATABASE_URL"]
    with psycopg.connect(database_url) as conn:
        assert conn.execute("SELECT note FROM persistence_check").fetchall() == [
            ("written by the first run",)
        ]
    assert _authenticates_as_admin(database_url, admin_key)
    _down(home)


def test_malformed_database_url_stops_migrate_with_one_line(tmp_path: Path):
    pytest.importorskip("tdm_metadata_store.settings")
    result = tdm(tmp_path, "migrate", DATABASE_URL="nonsense")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: DATABASE_URL ")
    assert "Traceback" not in result.stderr and "nonsense" not in result.stderr


def test_status_of_a_stack_that_never_ran_exits_3(tmp_path: Path):
    result = tdm(tmp_path, "status")
    assert result.returncode == 3
    assert "stopped" in result.stdout


def test_malformed_stack_setting_exits_2_without_traceback(tmp_path: Path):
    result = tdm(tmp_path, "status", TDM_WORKERS="several")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: TDM_WORKERS is invalid: input should be a valid integer, unable to parse string as an integer"
    ]


def test_foreground_up_stops_everything_on_ctrl_c(home: Path):
    process = subprocess.Popen(
        [TDM, "up", "--api-port", str(free_port())],
        env=_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = []
        for line in process.stdout:  # the summary, then the line that says it runs
            lines.append(line)
            if line.startswith("Running."):
                break
        assert tdm(home, "status").returncode == 0, "".join(lines)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
    assert "Stack stopped." in process.stdout.read()
    assert tdm(home, "status").returncode == 3
