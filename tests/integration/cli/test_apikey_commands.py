"""`tdm apikey create|list|revoke` against a real metadata store."""

from __future__ import annotations

import os
import subprocess
import sys


def _tdm(args, database_url):
    env = {**os.environ, "DATABASE_URL": database_url, "TDM_ENV_FILE": ""}
    return subprocess.run(
        [sys.executable, "-m", "tdm_api.cli.main", *args], env=env, capture_output=True, text=True, timeout=60
    )


def test_create_prints_the_key_alone_and_revoke_stops_it(metadata_db_url):
    from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
    from tdm_metadata_store.repositories.api_keys import ApiKeyRepository

    created = _tdm(["apikey", "create", "--role", "admin", "--name", "ci"], metadata_db_url)
    assert created.returncode == 0, created.stderr
    key = created.stdout.strip()
    assert key.startswith("tdm_") and "\n" not in key
    factory = make_session_factory(make_engine(metadata_db_url))
    with unit_of_work(factory) as session:
        row = ApiKeyRepository(session).authenticate(key)
        assert row is not None and row.role == "admin" and row.name == "ci"
        key_id = str(row.id)
    listed = _tdm(["apikey", "list"], metadata_db_url)
    assert "ci" in listed.stdout and key not in listed.stdout
    assert _tdm(["apikey", "revoke", key_id], metadata_db_url).returncode == 0
    with unit_of_work(factory) as session:
        assert ApiKeyRepository(session).authenticate(key) is None
    bad = _tdm(["apikey", "create", "--role", "root", "--name", "x"], metadata_db_url)
    assert bad.returncode != 0
