"""`tdm demo` on a fresh TDM_HOME, twice: the newcomer's main path, through the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tdm_api.stack.ports import free_port


def _tdm(args: list[str], home, timeout: float = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TDM_", "DATABASE_URL", "REDIS_URL"))}
    env["TDM_HOME"] = str(home)
    env["COLUMNS"] = "250"  # one table row per stage, so the assertions read whole lines
    return subprocess.run(
        [sys.executable, "-m", "tdm_api.cli.main", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.slow
def test_demo_runs_the_whole_pipeline_and_can_run_again(tmp_path):
    home = tmp_path / "home"
    port = str(free_port())
    try:
        first = _tdm(["demo", "--customers", "1500", "--workers", "1", "--api-port", port], home)
        assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
        for stage in ("discover", "pii", "subset", "mask", "provision"):
            assert stage in first.stdout
        assert "leak check: passed" in first.stdout and "smoke tests: passed" in first.stdout
        assert "orphans: 0" in first.stdout
        assert f"http://127.0.0.1:{port}/" in first.stdout
        second = _tdm(["demo", "--customers", "1500", "--api-port", port], home)
        assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
        assert "version: 2" in second.stdout
    finally:
        _tdm(["down"], home, timeout=120)
