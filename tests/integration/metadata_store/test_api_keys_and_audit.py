"""API keys are stored as hashes, authenticate until revoked; the audit trail pages newest first."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from tdm_metadata_store.repositories import ApiKeyRepository, AuditRepository


def test_key_is_stored_hashed_and_authenticates(metadata_session: Session) -> None:
    repo = ApiKeyRepository(metadata_session)
    row, plaintext = repo.create("ci", "admin", created_by="bootstrap")
    metadata_session.commit()

    assert plaintext.startswith("tdm_") and len(plaintext) > 40
    assert row.key_prefix == plaintext[:8]
    stored = metadata_session.execute(text("SELECT key_hash, key_prefix FROM api_keys")).one()
    assert stored.key_hash == hashlib.sha256(plaintext.encode()).hexdigest()
    dumped = metadata_session.execute(text("SELECT row_to_json(k)::text FROM api_keys k")).scalar_one()
    assert plaintext not in dumped

    assert row.last_used_at is None
    authenticated = repo.authenticate(plaintext)
    assert authenticated is not None and authenticated.id == row.id and authenticated.role == "admin"
    assert authenticated.last_used_at is not None
    assert repo.authenticate(plaintext + "x") is None
    assert repo.authenticate("Bearer nothing") is None


def test_revoked_key_no_longer_authenticates(metadata_session: Session) -> None:
    repo = ApiKeyRepository(metadata_session)
    row, plaintext = repo.create("viewer-1", "viewer")
    other, _ = repo.create("ops", "operator")
    assert repo.count_active() == 2
    assert repo.revoke(row.id) is True
    assert repo.revoke(row.id) is False
    assert repo.authenticate(plaintext) is None
    assert [k.name for k in repo.list(include_revoked=False)] == ["ops"]
    assert repo.count_active(role="admin") == 0
    assert {k.id for k in repo.list()} == {row.id, other.id}


def test_unknown_role_is_refused(metadata_session: Session) -> None:
    with pytest.raises(ValueError):
        ApiKeyRepository(metadata_session).create("x", "superuser")


def test_audit_trail(metadata_session: Session) -> None:
    repo = AuditRepository(metadata_session)
    repo.record(actor="ci", action="connection.create", resource_type="connection", resource_id="c1")
    repo.record(
        actor="ci", action="environment.update", resource_type="environment", details={"fields": ["config"]}
    )
    repo.record(actor="alice", action="apikey.revoke", resource_type="api_key")
    rows, total = repo.list(actor="ci")
    assert total == 2 and {r.action for r in rows} == {"connection.create", "environment.update"}
    rows, total = repo.list(resource_type="connection", resource_id="c1")
    assert total == 1 and rows[0].actor == "ci"
    rows, total = repo.list(limit=1)
    assert total == 3 and len(rows) == 1
