"""The embedded stack with its real API and worker: servers need the generated credentials, and a
Redis killed under the supervisor comes back on its port while the API never answers 500 and every
job accepted before or during the outage runs exactly once."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import psycopg
import pytest
import redis

from tdm_api.stack.env_files import read_env_file
from tdm_api.stack.home import StackHome
from tdm_api.stack.ports import free_port
from tdm_api.stack.processes import RestartPolicy
from tdm_api.stack.supervisor import StackSummary, Supervisor, UpOptions
from tests.integration.faults.fault_support import build_wide_source, subset_everything, wait_for_stage

pytestmark = [pytest.mark.integration, pytest.mark.slow]

WORKER_SETTINGS = {
    "TDM_WORKER_HEARTBEAT_S": "0.5",
    "TDM_WORKER_STALE_AFTER_S": "3",
    "TDM_WORKER_REQUEUE_INTERVAL_S": "1",
    "TDM_WORKER_REQUEUE_GRACE_S": "1",
}


@dataclass
class RunningStack:
    home: StackHome
    supervisor: Supervisor
    summary: StackSummary
    api: httpx.Client
    stop_watch: threading.Event
    watcher: threading.Thread | None = None

    def watch(self) -> None:
        """Run the supervisor's watch loop (what `tdm up` does after start) in a thread."""
        self.stop_watch = threading.Event()
        self.watcher = threading.Thread(target=self.supervisor.watch, args=(self.stop_watch, 0.1))
        self.watcher.start()

    def pause_watch(self) -> None:
        self.stop_watch.set()
        if self.watcher is not None:
            self.watcher.join()

    @property
    def database_url(self) -> str:
        return read_env_file(self.home.env_file)["DATABASE_URL"]


@pytest.fixture(scope="module")
def stack() -> Iterator[RunningStack]:
    # Under the system temp dir: as root, PostgreSQL runs as another user who must reach it.
    root = Path(tempfile.mkdtemp(prefix="tdm-stack-outage-"))
    home = StackHome(root)
    with pytest.MonkeyPatch.context() as env:
        for name, value in WORKER_SETTINGS.items():
            env.setenv(name, value)
        supervisor = Supervisor(
            home, UpOptions(workers=1, api_port=free_port()), RestartPolicy(initial_delay=0.05)
        )
        try:
            summary = supervisor.start()
            api = httpx.Client(
                base_url=f"http://127.0.0.1:{supervisor.api_port}/api/v1",
                headers={"X-API-Key": summary.admin_key or ""},
                timeout=60,
            )
            running = RunningStack(home, supervisor, summary, api, threading.Event())
            running.watch()
            yield running
            running.pause_watch()
            api.close()
        finally:
            supervisor.shutdown()
            shutil.rmtree(root, ignore_errors=True)


def test_servers_need_the_generated_credentials_which_are_never_shown(stack):
    secrets = read_env_file(stack.home.secrets_file)
    for path in (stack.home.secrets_file, stack.home.env_file):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    hba = [line.split() for line in (stack.home.postgres_dir / "pg_hba.conf").read_text().splitlines()]
    rules = [words for words in hba if words and not words[0].startswith("#")]
    assert {words[0] for words in rules} >= {"local", "host"}
    assert all(words[-1] == "scram-sha-256" for words in rules)

    pg_port, redis_port = stack.supervisor.postgres.port, stack.supervisor.redis.port
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(f"postgresql://postgres@127.0.0.1:{pg_port}/tdm", connect_timeout=5).close()
    with pytest.raises(psycopg.OperationalError):  # the Unix socket too
        socket_dir = stack.home.postgres_dir
        psycopg.connect(f"host={socket_dir} port={pg_port} user=postgres dbname=tdm").close()
    with psycopg.connect(stack.database_url) as conn:
        assert conn.execute("SELECT current_database()").fetchone() == ("tdm",)
    with pytest.raises(redis.AuthenticationError):
        redis.Redis(port=redis_port).ping()
    assert redis.Redis.from_url(read_env_file(stack.home.env_file)["REDIS_URL"]).ping()

    redis_pid = stack.supervisor.redis.running_pid()
    command_line = Path(f"/proc/{redis_pid}/cmdline").read_bytes().decode()
    shown = str(stack.summary.to_dict())
    for name in ("TDM_POSTGRES_PASSWORD", "TDM_REDIS_PASSWORD"):
        assert secrets[name] not in shown
        assert secrets[name] not in command_line
    assert "********" in stack.summary.settings["DATABASE_URL"]


def _source(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL)")
        conn.execute("CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers(id))")


def _discover(api: httpx.Client, connection_id: str) -> httpx.Response:
    return api.post("/discover-schema", json={"connection_id": connection_id, "include_stats": False})


def _wait_for_job(api: httpx.Client, job_id: str, timeout_s: float = 120) -> dict:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        job = api.get(f"/job/{job_id}").json()
        if job["status"] in ("succeeded", "failed", "cancelled"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not end in {timeout_s}s: {job['status']}")


def _runs_finished(database_url: str, job_id: str) -> int:
    """How many times the job's graph reached its end (finalize logs "Job finished" once a run)."""
    with psycopg.connect(database_url) as conn:
        row = conn.execute(
            "SELECT count(*) FROM job_logs WHERE job_id = %s AND message = 'Job finished'", (job_id,)
        ).fetchone()
    return int(row[0]) if row else 0


def test_redis_killed_comes_back_and_jobs_run_exactly_once(stack, fresh_db_url):
    build_wide_source(fresh_db_url, children=20, rows=3000)
    api = stack.api
    created = api.post("/connections", json={"name": "outage-source", "connection_string": fresh_db_url})
    assert created.status_code == 201, created.text
    connection_id = created.json()["id"]
    discovery = _discover(api, connection_id)
    assert discovery.status_code == 202, discovery.text
    discovered = _wait_for_job(api, discovery.json()["job_id"])
    assert discovered["status"] == "succeeded", discovered
    subset = api.post("/subset", json=subset_everything(discovered["result"]["schema_version_id"]))
    assert subset.status_code == 202, subset.text
    running = subset.json()["job_id"]
    wait_for_stage(read_env_file(stack.home.env_file)["REDIS_URL"], running, "subset.export")

    before = _discover(api, connection_id)  # accepted just before Redis dies
    assert before.status_code == 202, before.text
    redis_server = stack.supervisor.redis
    port, old_pid = redis_server.port, redis_server.running_pid()
    stack.pause_watch()  # hold Redis down while the API is probed
    os.kill(old_pid, signal.SIGKILL)
    while redis_server.running():
        time.sleep(0.05)

    # PostgreSQL is the record: the job row is committed and the answer is 202 although it could
    # not be enqueued; the worker enqueues it once Redis is back. Never a 500 with the work done.
    during = _discover(api, connection_id)
    assert during.status_code == 202, during.text
    to_cancel = _discover(api, connection_id).json()["job_id"]
    cancel = api.post(f"/job/{to_cancel}/cancel")
    assert cancel.status_code == 202, cancel.text
    assert cancel.json()["status"] == "cancelled"
    assert api.get("/ready").status_code == 503

    stack.watch()  # the supervisor notices and starts Redis again, on the same port
    deadline = time.monotonic() + 30
    while not redis_server.running() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert redis_server.running() and redis_server.port == port
    assert redis_server.running_pid() != old_pid

    for job_id in (running, before.json()["job_id"], during.json()["job_id"]):
        job = _wait_for_job(api, job_id)
        assert job["status"] == "succeeded", job
        assert _runs_finished(stack.database_url, job_id) == 1
    dataset = api.get(f"/dataset/{_wait_for_job(api, running)['result']['dataset_version_id']}")
    assert dataset.status_code == 200 and dataset.json()["status"] == "ready", dataset.text
    time.sleep(3)  # several requeue rounds: the cancelled job must not be picked up
    assert api.get(f"/job/{to_cancel}").json()["status"] == "cancelled"
    assert _runs_finished(stack.database_url, to_cancel) == 0


def test_postgres_killed_comes_back_on_its_port_and_jobs_run_again(stack, fresh_db_url):
    _source(fresh_db_url)
    api = stack.api
    created = api.post("/connections", json={"name": "pg-outage-source", "connection_string": fresh_db_url})
    assert created.status_code == 201, created.text
    postgres = stack.supervisor.postgres
    (watch,) = [server for server in stack.supervisor.servers if server.name == "postgres"]
    port, old_pid, restarts = postgres.port, postgres.running_pid(), watch.restarts
    os.kill(old_pid, signal.SIGKILL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        submitted = _discover(api, created.json()["id"])  # during the outage: 503, never 500
        if submitted.status_code == 202 and watch.restarts > restarts:
            break
        assert submitted.status_code in (202, 503), submitted.text
        if submitted.status_code == 503:
            assert submitted.headers["retry-after"]
        time.sleep(0.3)
    assert watch.restarts > restarts and postgres.port == port
    assert submitted.status_code == 202, submitted.text
    assert _wait_for_job(api, submitted.json()["job_id"])["status"] == "succeeded"
