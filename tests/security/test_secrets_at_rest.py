"""Secrets at rest: connection strings and webhook secrets are Fernet tokens in their columns, they
survive `tdm rotate-secrets`, API keys are stored as hashes only, and a revoked key fails at once.
"""

from __future__ import annotations

import hashlib
import uuid

import psycopg
import pytest
from cryptography.fernet import Fernet
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from tdm_api.cli.main import build_app
from tdm_api.main import create_app
from tdm_api.settings import get_settings
from tdm_metadata_store.crypto import SecretBox, SecretBoxError

pytestmark = pytest.mark.integration
API = "/api/v1"
SECRET_COLUMNS = {
    "connections": "connection_string_encrypted",
    "environments": "connection_string_encrypted",
    "webhooks": "secret_encrypted",
}


def raw_secrets(database_url: str) -> dict[str, str]:
    """The stored column of every secret, exactly as the database holds it."""
    stored = {}
    with psycopg.connect(database_url) as conn:
        for table, column in SECRET_COLUMNS.items():
            for name, value in conn.execute(
                f"SELECT {'url' if table == 'webhooks' else 'name'}, {column} FROM {table}"
            ):
                stored[f"{table}:{name}"] = value
    return stored


def test_secrets_are_encrypted_rotate_and_keep_working(platform, source_db_url, monkeypatch):
    password = f"pw-{uuid.uuid4().hex}"
    source = make_url(source_db_url).set(password=password).render_as_string(hide_password=False)
    webhook_secret = f"whsec-{uuid.uuid4().hex}"
    admin = platform.headers("admin")
    connection = platform.client.post(f"{API}/connections", headers=admin,
                                      json={"name": "rest", "connection_string": source}).json()  # fmt: skip
    assert password not in str(connection)
    created = [
        platform.client.post(f"{API}/environments", headers=admin, json={"name": "rest-env", "connection_string": source}),
        platform.client.post(f"{API}/webhooks", headers=admin,
                             json={"url": "https://hooks.example.com/tdm", "secret": webhook_secret}),
    ]  # fmt: skip
    assert [r.status_code for r in created] == [201, 201]
    assert all(password not in r.text and webhook_secret not in r.text for r in created)

    old_key = platform.env["TDM_ENCRYPTION_KEYS"]
    before = raw_secrets(platform.env["DATABASE_URL"])
    assert len(before) == 3
    for stored in before.values():
        assert password not in stored and webhook_secret not in stored and stored.startswith("gAAAAA")
    old_box = SecretBox.from_keys([old_key])
    assert old_box.decrypt(before["connections:rest"]) == source
    assert old_box.decrypt(before["webhooks:https://hooks.example.com/tdm"]) == webhook_secret

    new_key = Fernet.generate_key().decode()
    monkeypatch.setenv("TDM_ENCRYPTION_KEYS", f"{new_key},{old_key}")
    rotated = CliRunner().invoke(build_app(), ["rotate-secrets"])
    assert rotated.exit_code == 0
    assert password not in rotated.stdout + rotated.stderr
    after = raw_secrets(platform.env["DATABASE_URL"])
    new_box = SecretBox.from_keys([new_key])
    for name, stored in after.items():
        assert stored != before[name] and password not in stored
        assert new_box.decrypt(stored) == old_box.decrypt(before[name])
        with pytest.raises(SecretBoxError):
            old_box.decrypt(stored)

    # The old key can go: an API holding only the new key still reads every secret.
    monkeypatch.setenv("TDM_ENCRYPTION_KEYS", new_key)
    with TestClient(create_app(settings=get_settings())) as client:
        probe = client.post(f"{API}/connections/{connection['id']}/test", headers=admin)
        assert probe.status_code == 200 and probe.json()["ok"] is True
        environment = client.get(f"{API}/environments/rest-env", headers=admin).json()
        # Shown from the decrypted string's parts, without the password.
        assert environment["has_connection"] and environment["display_url"].startswith("postgresql://")
        assert password not in probe.text + str(environment)


def test_api_keys_are_stored_hashed(platform):
    with psycopg.connect(platform.env["DATABASE_URL"]) as conn:
        rows = conn.execute("SELECT * FROM api_keys").fetchall()
        dump = repr(rows)
    assert len(rows) >= 3
    for key in platform.keys.values():
        assert key not in dump and key[8:] not in dump
        assert hashlib.sha256(key.encode()).hexdigest() in dump


def test_revoked_key_fails_on_the_very_next_request(platform, monkeypatch):
    monkeypatch.setenv("TDM_ENV_FILE", "")
    cli = CliRunner()
    created = cli.invoke(build_app(), ["apikey", "create", "--role", "admin", "--name", "soon-revoked"])
    assert created.exit_code == 0
    key = next(word for word in created.stdout.split() if word.startswith("tdm_"))
    headers = {"X-API-Key": key}
    for _ in range(3):  # warm: any cache of a successful check would now be populated
        assert platform.client.get(f"{API}/me", headers=headers).status_code == 200
    with psycopg.connect(platform.env["DATABASE_URL"]) as conn:
        key_hash = hashlib.sha256(key.encode()).hexdigest()
        key_id = conn.execute("SELECT id FROM api_keys WHERE key_hash = %s", (key_hash,)).fetchone()[0]
    assert cli.invoke(build_app(), ["apikey", "revoke", str(key_id)]).exit_code == 0
    for path in ("/me", "/connections", "/jobs"):
        response = platform.client.get(API + path, headers=headers)
        assert response.status_code == 401, path
        assert response.headers["content-type"].startswith("application/problem+json")
