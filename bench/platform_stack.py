"""A throwaway platform for benchmarks: embedded PostgreSQL and Redis in a temp dir, migrated."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from cryptography.fernet import Fernet

from tdm_api.stack.embedded_postgres import EmbeddedPostgres
from tdm_api.stack.embedded_redis import EmbeddedRedis
from tdm_api.stack.ports import free_port


@dataclass
class BenchStack:
    root: Path
    database_url: str
    redis_url: str
    env: dict[str, str]

    def spawn(self, argv: list[str], log_name: str) -> subprocess.Popen:
        log = open(self.root / f"{log_name}.log", "w")  # noqa: SIM115 - lives as long as the process
        return subprocess.Popen(argv, env={**os.environ, **self.env}, stdout=log, stderr=subprocess.STDOUT)

    def start_api(self) -> tuple[subprocess.Popen, str]:
        port = free_port()
        proc = self.spawn([sys.executable, "-m", "tdm_api.cli.main", "api", "--port", str(port)], "api")
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/api/v1/health", timeout=1).status_code == 200:
                    return proc, url
            except httpx.HTTPError:
                time.sleep(0.2)
        proc.kill()
        raise RuntimeError("the API did not start; see " + str(self.root / "api.log"))


@contextmanager
def bench_stack() -> Iterator[BenchStack]:
    from tdm_metadata_store.migrate import upgrade

    root = Path(tempfile.mkdtemp(prefix="tdm-bench-"))
    pg = EmbeddedPostgres(root / "pg")
    redis_server = EmbeddedRedis(root / "redis", persistent=True)
    try:
        pg.start()
        redis_server.start()
        database_url = pg.create_database("tdm")
        upgrade(database_url)
        env = {
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_server.url,
            "TDM_DATASET_BACKEND": "local",
            "TDM_DATASET_DIR": str(root / "datasets"),
            "TDM_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "TDM_ENV_FILE": "",
            "LOG_LEVEL": "WARNING",
        }
        yield BenchStack(root, database_url, redis_server.url, env)
    finally:
        redis_server.stop()
        pg.stop(mode="immediate")
        shutil.rmtree(root, ignore_errors=True)
