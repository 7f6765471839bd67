"""Running the supervisor in the foreground or detached, and stopping it: the verbs behind the CLI."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psutil

from tdm_api.stack.embedded_postgres import EmbeddedPostgres
from tdm_api.stack.embedded_redis import EmbeddedRedis
from tdm_api.stack.home import StackHome
from tdm_api.stack.services import tdm_command
from tdm_api.stack.supervisor import StackError, StackSummary, Supervisor, UpOptions

LOG_TAIL_LINES = 20


def running_supervisor_pid(home: StackHome) -> int | None:
    """The pid of the live supervisor of `home`, or None (a stale pid file is ignored)."""
    try:
        pid = int(home.pid_file.read_text().strip())
        process = psutil.Process(pid)
        # A reused pid belongs to a process created after the pid file was written.
        started_before_file = process.create_time() <= home.pid_file.stat().st_mtime + 1
        alive = process.status() != psutil.STATUS_ZOMBIE
    except (OSError, ValueError, psutil.Error):
        return None
    return pid if alive and started_before_file else None


@contextmanager
def _stop_on_signals(stop: threading.Event) -> Iterator[None]:
    def request_stop(signum: int, frame: object) -> None:
        stop.set()

    previous = {
        sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
    }
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def supervise(home: StackHome, options: UpOptions, on_ready: Callable[[StackSummary], None]) -> None:
    """Start the stack, call `on_ready`, and supervise it until SIGTERM, SIGINT or SIGHUP."""
    pid = running_supervisor_pid(home)
    if pid is not None:
        raise StackError(f"the stack in {home.root} is already running (supervisor pid {pid})")
    home.create()
    home.pid_file.write_text(f"{os.getpid()}\n")
    stop = threading.Event()
    try:
        with _stop_on_signals(stop):
            supervisor = Supervisor(home, options)
            try:
                on_ready(supervisor.start())
                supervisor.watch(stop)
            finally:
                supervisor.shutdown()
    finally:
        home.pid_file.unlink(missing_ok=True)


def send_ready(fd: int, summary: StackSummary) -> None:
    """Tell the waiting `tdm up -d` that the stack is healthy (one JSON line on the ready pipe)."""
    _send(fd, {"ok": True, "summary": summary.to_dict()})


def send_failure(fd: int, message: str) -> None:
    """Tell the waiting `tdm up -d` that the stack could not start, and why."""
    _send(fd, {"ok": False, "error": message})


def _send(fd: int, message: dict[str, Any]) -> None:
    with os.fdopen(fd, "w") as pipe:
        pipe.write(json.dumps(message) + "\n")


def start_detached(home: StackHome, options: UpOptions, timeout: float = 180.0) -> StackSummary:
    """Start a detached supervisor and return once the stack is healthy; raise StackError otherwise."""
    pid = running_supervisor_pid(home)
    if pid is not None:
        raise StackError(f"the stack in {home.root} is already running (supervisor pid {pid})")
    home.create()
    read_fd, write_fd = os.pipe()
    argv = tdm_command(
        "supervise", "--home", str(home.root), "--workers", str(options.workers), "--ready-fd", str(write_fd)
    )
    if options.api_port is not None:
        argv += ["--api-port", str(options.api_port)]
    with home.supervisor_log.open("ab") as log_file:
        subprocess.Popen(
            argv,
            pass_fds=(write_fd,),
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        message = _read_message(pipe, timeout)
    if message is None:
        raise StackError(f"the stack did not report ready within {timeout:.0f} s{_log_tail(home)}")
    if not message.get("ok"):
        raise StackError(f"{message.get('error', 'the stack did not start')}{_log_tail(home)}")
    return StackSummary(**message["summary"])


def _read_message(pipe: Any, timeout: float) -> dict[str, Any] | None:
    ready, _, _ = select.select([pipe], [], [], timeout)
    line = pipe.readline() if ready else ""
    try:
        return dict(json.loads(line)) if line else None
    except ValueError:
        return None


def _log_tail(home: StackHome) -> str:
    try:
        lines = home.supervisor_log.read_text(errors="replace").splitlines()[-LOG_TAIL_LINES:]
    except OSError:
        return ""
    return f"\nlast lines of {home.supervisor_log}:\n" + "\n".join(lines)


def stop_stack(home: StackHome, timeout: float = 60.0) -> bool:
    """Stop the supervisor (which stops everything) and wait; returns whether anything was running.

    Servers left behind by a supervisor that was killed are stopped too.
    """
    pid = running_supervisor_pid(home)
    if pid is not None:
        _terminate(pid, timeout)
    orphans = _stop_orphaned_services(home, timeout)
    postgres, redis = EmbeddedPostgres(home.postgres_dir), EmbeddedRedis(home.redis_dir)
    leftovers = orphans or postgres.running() or redis.running()
    redis.stop()
    postgres.stop()
    home.pid_file.unlink(missing_ok=True)
    return pid is not None or leftovers


def _terminate(pid: int, timeout: float) -> None:
    try:
        process = psutil.Process(pid)
        process.terminate()
        process.wait(timeout=timeout)
    except psutil.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
    except psutil.NoSuchProcess:
        return
    deadline = time.monotonic() + timeout
    while psutil.pid_exists(pid) and time.monotonic() < deadline:
        time.sleep(0.05)


def _stop_orphaned_services(home: StackHome, timeout: float) -> bool:
    """Stop services a killed supervisor left running; returns whether there were any.

    Only processes that run a `tdm` command are touched, so a pid reused by an unrelated
    process since the state file was written is left alone.
    """
    found = False
    for service in home.read_state().get("services", {}).values():
        try:
            process = psutil.Process(int(service.get("pid") or 0))
            if "tdm_api.cli.main" not in process.cmdline():
                continue
        except (psutil.Error, ValueError):
            continue
        found = True
        _terminate(process.pid, timeout)
    return found
