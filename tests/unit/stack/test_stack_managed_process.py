"""Supervised processes: restarted with backoff, given up on when they keep dying, stopped cleanly."""

import os
import sys
import time

from tdm_api.stack.ports import free_port
from tdm_api.stack.processes import ManagedProcess, RestartPolicy
from tdm_api.stack.services import ServiceSpec

FAST = RestartPolicy(initial_delay=0.05, max_delay=0.2, max_restarts=2, window=60)


def _drive(process: ManagedProcess, until_state: str, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while process.state != until_state and time.monotonic() < deadline:
        process.check(time.monotonic())
        time.sleep(0.02)
    assert process.state == until_state


def test_a_crashing_service_is_restarted_then_given_up(tmp_path):
    spec = ServiceSpec(
        "crashy", [sys.executable, "-c", "print('up', flush=True); raise SystemExit(3)"], env=dict(os.environ)
    )
    process = ManagedProcess(spec, tmp_path / "crashy.log", FAST)
    process.start()
    _drive(process, "failed")
    assert (tmp_path / "crashy.log").read_text().split() == ["up", "up", "up"]  # first run + 2 restarts


def test_backoff_doubles_up_to_its_limit():
    policy = RestartPolicy(initial_delay=0.5, max_delay=3.0)
    assert [policy.delay(n) for n in (1, 2, 3, 4, 5)] == [0.5, 1.0, 2.0, 3.0, 3.0]


def test_health_url_is_awaited_and_stop_ends_the_process_group(tmp_path):
    port = free_port()
    spec = ServiceSpec(
        "web",
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        env=dict(os.environ),
        health_url=f"http://127.0.0.1:{port}/",
    )
    process = ManagedProcess(spec, tmp_path / "web.log", FAST)
    process.start()
    try:
        assert process.wait_healthy(timeout=20)
        pid = process.pid
        assert pid is not None
    finally:
        process.stop(timeout=5)
    assert process.pid is None and process.state == "stopped"


def test_a_service_that_dies_before_it_is_healthy_is_reported(tmp_path):
    spec = ServiceSpec(
        "dead",
        [sys.executable, "-c", "raise SystemExit(1)"],
        env=dict(os.environ),
        health_url=f"http://127.0.0.1:{free_port()}/health",
    )
    process = ManagedProcess(spec, tmp_path / "dead.log", FAST)
    process.start()
    assert not process.wait_healthy(timeout=10)


def test_the_health_wait_polls_through_one_client(tmp_path, monkeypatch):
    """Each new httpx client loads the CA bundle; a wait of many polls builds one."""
    import httpx._transports.default as transports

    built = []
    real = transports.create_ssl_context
    monkeypatch.setattr(transports, "create_ssl_context", lambda **kw: built.append(1) or real(**kw))
    port = free_port()
    # Healthy only after a second, so the wait polls several times.
    script = f"import time, http.server as s; time.sleep(1); s.test(s.SimpleHTTPRequestHandler, port={port}, bind='127.0.0.1')"
    spec = ServiceSpec(
        "late", [sys.executable, "-c", script], env=dict(os.environ), health_url=f"http://127.0.0.1:{port}/"
    )
    process = ManagedProcess(spec, tmp_path / "late.log", FAST)
    process.start()
    try:
        assert process.wait_healthy(timeout=20)
    finally:
        process.stop(timeout=5)
    assert len(built) == 1
