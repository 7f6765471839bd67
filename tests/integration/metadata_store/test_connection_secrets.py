"""Connection and environment URLs are encrypted at rest, hidden from display, and survive rotation."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from tdm_metadata_store.crypto import SecretBox, SecretBoxError, generate_key
from tdm_metadata_store.repositories import (
    ConnectionRepository,
    DuplicateRecordError,
    EnvironmentRepository,
    RecordNotFoundError,
    WebhookRepository,
    display_url,
)

SOURCE_URL = "postgresql://reader:Pa55-unique-7731@db.internal:6543/sales"
TARGET_URL = "postgresql://loader:Tgt-unique-9902@qa.internal/qa"


def _raw_values(session: Session, sql: str) -> list[str]:
    return [row[0] for row in session.execute(text(sql))]


def test_connection_is_encrypted_at_rest_and_displayed_without_password(metadata_session: Session) -> None:
    box = SecretBox.from_keys([generate_key()])
    repo = ConnectionRepository(metadata_session)
    row = repo.create("sales", SOURCE_URL, box, created_by="ci")
    metadata_session.commit()

    stored = _raw_values(metadata_session, "SELECT connection_string_encrypted FROM connections")
    assert len(stored) == 1 and "Pa55-unique-7731" not in stored[0] and "reader" not in stored[0]
    assert (row.host, row.port, row.database, row.username) == ("db.internal", 6543, "sales", "reader")
    assert display_url(row) == "postgresql://reader@db.internal:6543/sales"
    assert repo.get_url(row.id, box) == SOURCE_URL
    assert [c.name for c in repo.list()] == ["sales"]


def test_duplicate_names_and_bad_urls_are_refused_without_echoing_secrets(metadata_session: Session) -> None:
    box = SecretBox.from_keys([generate_key()])
    repo = ConnectionRepository(metadata_session)
    repo.create("sales", SOURCE_URL, box)
    with pytest.raises(DuplicateRecordError):
        repo.create("sales", SOURCE_URL, box)
    with pytest.raises(ValueError) as info:
        repo.create("broken", "::not a url with secret-x1::", box)
    assert "secret-x1" not in str(info.value)


def test_rotation_re_encrypts_every_secret_with_the_new_key(metadata_session: Session) -> None:
    old_key, new_key = generate_key(), generate_key()
    old_box = SecretBox.from_keys([old_key])
    connection = ConnectionRepository(metadata_session).create("sales", SOURCE_URL, old_box)
    environment = EnvironmentRepository(metadata_session).create("QA", connection_url=TARGET_URL, box=old_box)
    webhook = WebhookRepository(metadata_session).create(
        "https://hooks.example/tdm", ["job.succeeded"], box=old_box, secret="whsec-1"
    )
    metadata_session.commit()

    rotating = SecretBox.from_keys([new_key, old_key])
    assert ConnectionRepository(metadata_session).rotate_all(rotating) == 1
    assert EnvironmentRepository(metadata_session).rotate_all(rotating) == 1
    assert WebhookRepository(metadata_session).rotate_all(rotating) == 1
    metadata_session.commit()

    new_only = SecretBox.from_keys([new_key])
    assert ConnectionRepository(metadata_session).get_url(connection.id, new_only) == SOURCE_URL
    assert EnvironmentRepository(metadata_session).get_url(environment.id, new_only) == TARGET_URL
    assert WebhookRepository(metadata_session).get_secret(webhook.id, new_only) == "whsec-1"
    with pytest.raises(SecretBoxError):
        ConnectionRepository(metadata_session).get_url(connection.id, old_box)


def test_environment_crud(metadata_session: Session) -> None:
    box = SecretBox.from_keys([generate_key()])
    repo = EnvironmentRepository(metadata_session)
    qa = repo.create("QA", connection_url=TARGET_URL, box=box, config={"reset_mode": "truncate"})
    repo.create("Dev", description="developers")
    with pytest.raises(DuplicateRecordError):
        repo.create("QA")
    with pytest.raises(ValueError):
        repo.create("UAT", connection_url=TARGET_URL)

    updated = repo.update(qa.id, config={"reset_mode": "drop_create", "protected": True})
    assert updated.config_json == {"reset_mode": "drop_create", "protected": True}
    assert updated.description is None
    assert repo.get_url(qa.id, box) == TARGET_URL
    raw = _raw_values(
        metadata_session, "SELECT connection_string_encrypted FROM environments WHERE name = 'QA'"
    )
    assert "Tgt-unique-9902" not in raw[0]

    assert repo.get_by_name("Dev") is not None
    assert [e.name for e in repo.list()] == ["Dev", "QA"]
    assert repo.delete(qa.id) is True
    assert repo.delete(qa.id) is False
    with pytest.raises(RecordNotFoundError):
        repo.update(qa.id, description="gone")
