"""Embedded servers with a password: a data directory made with `trust` is switched to
scram-sha-256 on its next start, and Redis requires AUTH; without one they stay open (fixtures)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import redis

from tdm_api.stack.embedded_postgres import EmbeddedPostgres
from tdm_api.stack.embedded_redis import EmbeddedRedis

pytestmark = pytest.mark.integration


@pytest.fixture
def root() -> Iterator[Path]:
    # Under the system temp dir: as root, PostgreSQL runs as another user who must reach it.
    path = Path(tempfile.mkdtemp(prefix="tdm-auth-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_a_trusting_data_directory_is_switched_to_scram_on_its_next_start(root):
    open_server = EmbeddedPostgres(root / "data")
    open_server.start()
    try:
        with psycopg.connect(open_server.url) as conn:  # no password needed yet
            conn.execute("SELECT 1")
    finally:
        open_server.stop()
    secured = EmbeddedPostgres(root / "data", port=open_server.port, password="Xq7-long_generated_password")
    secured.start()
    try:
        rules = [line.split() for line in (root / "data" / "pg_hba.conf").read_text().splitlines()]
        methods = {words[-1] for words in rules if words and not words[0].startswith("#")}
        assert methods == {"scram-sha-256"}
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(open_server.url, connect_timeout=5).close()
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(secured.url.replace("Xq7-long", "wrong"), connect_timeout=5).close()
        with psycopg.connect(secured.url) as conn:
            assert conn.execute("SELECT current_user").fetchone() == ("postgres",)
        secured.stop()
        secured.start()  # already switched: starts as is
        with psycopg.connect(secured.url) as conn:
            conn.execute("SELECT 1")
    finally:
        secured.stop()


def test_redis_with_a_password_refuses_clients_without_it(root):
    server = EmbeddedRedis(root / "redis", persistent=False, password="r3dis-generated_pw")
    server.start()
    try:
        with pytest.raises(redis.AuthenticationError):
            redis.Redis(port=server.port).ping()
        assert redis.Redis.from_url(server.url).ping()
        assert "r3dis-generated_pw" not in Path(f"/proc/{server.running_pid()}/cmdline").read_bytes().decode()
    finally:
        server.stop()
