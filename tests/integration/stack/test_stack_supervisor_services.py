"""The supervisor runs registered services after the servers, restarts them, and stops them first."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

import pytest

from tdm_api.stack import services
from tdm_api.stack.home import StackHome
from tdm_api.stack.ports import free_port
from tdm_api.stack.processes import RestartPolicy
from tdm_api.stack.services import ServiceKind, ServiceSpec
from tdm_api.stack.supervisor import Supervisor, UpOptions

pytestmark = pytest.mark.integration


def _web_service(home, env):
    port = free_port()
    argv = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"]
    return [ServiceSpec("web", argv, dict(env), health_url=f"http://127.0.0.1:{port}/")]


@pytest.fixture
def web_service_kind(monkeypatch):
    # A real HTTP server stands in for the API: started as a child, health-checked, restarted.
    monkeypatch.setattr(services, "SERVICE_KINDS", [ServiceKind("web", "tdm_api.cli.main", _web_service)])


def _wait_for(condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert condition()


def test_services_start_after_servers_restart_after_a_crash_and_stop_first(tmp_path, web_service_kind):
    pytest.importorskip("tdm_metadata_store.migrate")
    home = StackHome(tmp_path)
    supervisor = Supervisor(home, UpOptions(api_port=free_port()), RestartPolicy(initial_delay=0.05))
    stop = threading.Event()
    try:
        summary = supervisor.start()
        (web,) = supervisor.services
        assert summary.components["web"] == web.spec.health_url
        assert web.spec.env["DATABASE_URL"].endswith("/tdm")  # services get the stack's settings
        first_pid = web.pid
        assert home.read_state()["services"]["web"]["pid"] == first_pid

        watcher = threading.Thread(target=supervisor.watch, args=(stop, 0.05))
        watcher.start()
        os.kill(first_pid, signal.SIGKILL)
        _wait_for(lambda: web.pid not in (None, first_pid) and web.wait_healthy(timeout=1))
        _wait_for(lambda: home.read_state()["services"]["web"]["pid"] == web.pid)
        stop.set()
        watcher.join()
    finally:
        stop.set()
        supervisor.shutdown()
    assert web.state == "stopped" and web.pid is None
    assert not supervisor.postgres.running() and not supervisor.redis.running()
