"""`tdm rotate-secrets` re-encrypts stored secrets with the first key of TDM_ENCRYPTION_KEYS."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from typer.testing import CliRunner

from tdm_api.cli.main import build_app
from tdm_metadata_store.crypto import SecretBox, SecretBoxError
from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
from tdm_metadata_store.repositories.connections import ConnectionRepository

URL = "postgresql://reader:s3cret-pw@db.internal:5432/shop"


def _stored_token(db_url: str) -> str:
    engine = make_engine(db_url)
    try:
        with unit_of_work(make_session_factory(engine)) as session:
            return ConnectionRepository(session).get_by_name("shop").connection_string_encrypted
    finally:
        engine.dispose()


def test_rotation_moves_every_secret_to_the_new_key(metadata_db_url, monkeypatch):
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    engine = make_engine(metadata_db_url)
    with unit_of_work(make_session_factory(engine)) as session:
        ConnectionRepository(session).create("shop", URL, SecretBox.from_keys([old_key]))
    engine.dispose()

    monkeypatch.setenv("DATABASE_URL", metadata_db_url)
    monkeypatch.setenv("TDM_ENV_FILE", "")
    monkeypatch.setenv("TDM_ENCRYPTION_KEYS", f"{new_key},{old_key}")
    result = CliRunner().invoke(build_app(), ["rotate-secrets"])
    assert result.exit_code == 0, result.stderr
    assert "re-encrypted 1 connections, 0 environments, 0 webhooks, 0 token vault entries" in result.stdout
    assert "s3cret-pw" not in result.stdout + result.stderr

    token = _stored_token(metadata_db_url)
    assert SecretBox.from_keys([new_key]).decrypt(token) == URL
    with pytest.raises(SecretBoxError):
        SecretBox.from_keys([old_key]).decrypt(token)


def test_rotation_without_the_old_key_changes_nothing(metadata_db_url, monkeypatch):
    old_key = Fernet.generate_key().decode()
    engine = make_engine(metadata_db_url)
    with unit_of_work(make_session_factory(engine)) as session:
        ConnectionRepository(session).create("shop", URL, SecretBox.from_keys([old_key]))
    engine.dispose()
    before = _stored_token(metadata_db_url)

    monkeypatch.setenv("DATABASE_URL", metadata_db_url)
    monkeypatch.setenv("TDM_ENV_FILE", "")
    monkeypatch.setenv("TDM_ENCRYPTION_KEYS", Fernet.generate_key().decode())
    result = CliRunner().invoke(build_app(), ["rotate-secrets"])
    assert result.exit_code == 1
    assert "nothing was re-encrypted" in result.stderr
    assert _stored_token(metadata_db_url) == before
