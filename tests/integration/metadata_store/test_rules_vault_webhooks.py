"""Masking rule versions, the token vault, webhooks, ephemeral schemas and the unit of work."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from tdm_metadata_store.crypto import SecretBox, SecretBoxError, generate_key
from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
from tdm_metadata_store.repositories import (
    EnvironmentRepository,
    EphemeralSchemaRepository,
    MaskingRuleRepository,
    TokenVaultRepository,
    WebhookRepository,
)


def test_rule_sets_are_versioned(metadata_session: Session) -> None:
    repo = MaskingRuleRepository(metadata_session)
    v1 = repo.create_version(
        "pci", {"rules": [{"column": "card", "type": "mask.fpe_pan"}]}, created_by="alice"
    )
    v2 = repo.create_version("pci", {"rules": []}, description="loosened")
    other = repo.create_version("hr", {"rules": []})
    assert (v1.version, v2.version, other.version) == (1, 2, 1)
    assert repo.latest("pci").id == v2.id
    assert repo.get(v1.id).rules_json == {"rules": [{"column": "card", "type": "mask.fpe_pan"}]}
    assert repo.get_version("pci", 1).id == v1.id
    assert [(r.name, r.version) for r in repo.list()] == [("hr", 1), ("pci", 1), ("pci", 2)]
    assert [(r.name, r.version) for r in repo.list(latest_only=True)] == [("hr", 1), ("pci", 2)]
    assert repo.latest("missing") is None


def test_vault_stores_encrypted_originals(metadata_session: Session) -> None:
    old_key, new_key = generate_key(), generate_key()
    box = SecretBox.from_keys([old_key])
    repo = TokenVaultRepository(metadata_session)
    assert repo.store("k1", {"tok_a": "4111-1111-unique-77", "tok_b": "bob@example.test"}, box) == 2
    repo.store("k1", {"tok_a": "overwritten?"}, box)
    raw = " ".join(metadata_session.scalars(text("SELECT value_encrypted FROM token_vault")))
    assert "4111-1111-unique-77" not in raw and "bob@example.test" not in raw
    assert repo.known_tokens("k1", ["tok_a", "tok_z"]) == {"tok_a"}
    assert repo.reveal("k1", ["tok_a", "tok_z"], box) == {"tok_a": "4111-1111-unique-77"}
    assert repo.reveal("k2", ["tok_a"], box) == {}

    assert repo.rotate_all(SecretBox.from_keys([new_key, old_key])) == 2
    assert repo.reveal("k1", ["tok_b"], SecretBox.from_keys([new_key])) == {"tok_b": "bob@example.test"}
    with pytest.raises(SecretBoxError):
        repo.reveal("k1", ["tok_b"], box)


def test_webhooks_by_event_and_scope(metadata_session: Session) -> None:
    qa = EnvironmentRepository(metadata_session).create("QA")
    dev = EnvironmentRepository(metadata_session).create("Dev")
    repo = WebhookRepository(metadata_session)
    global_hook = repo.create("https://hooks.example/all", ["job.failed", "job.succeeded"])
    qa_hook = repo.create("https://hooks.example/qa", ["job.succeeded"], environment_id=qa.id)
    repo.create("https://hooks.example/dev", ["job.succeeded"], environment_id=dev.id)
    with pytest.raises(ValueError):
        repo.create("https://hooks.example/x", ["job.failed"], secret="s")

    assert {h.id for h in repo.for_event("job.succeeded", qa.id)} == {global_hook.id, qa_hook.id}
    assert [h.id for h in repo.for_event("job.failed")] == [global_hook.id]
    repo.set_active(global_hook.id, False)
    assert [h.id for h in repo.for_event("job.succeeded", qa.id)] == [qa_hook.id]
    assert len(repo.list(qa.id)) == 2 and len(repo.list()) == 3
    assert repo.delete(qa_hook.id) is True


def test_ephemeral_schemas_expire(metadata_session: Session) -> None:
    env = EnvironmentRepository(metadata_session).create("CI")
    repo = EphemeralSchemaRepository(metadata_session)
    now = datetime.now(UTC)
    old = repo.create(env.id, "ci_101", now - timedelta(hours=1))
    repo.create(env.id, "ci_102", now + timedelta(hours=1))
    assert [e.schema_name for e in repo.expired(now)] == ["ci_101"]
    assert repo.mark_dropped(old.id) is True
    assert repo.mark_dropped(old.id) is False
    assert repo.expired(now) == []


def test_unit_of_work_commits_or_rolls_back(metadata_db_url: str) -> None:
    engine = make_engine(metadata_db_url)
    factory = make_session_factory(engine)
    try:
        with unit_of_work(factory) as session:
            MaskingRuleRepository(session).create_version("kept", {})
        with pytest.raises(RuntimeError), unit_of_work(factory) as session:
            MaskingRuleRepository(session).create_version("dropped", {})
            raise RuntimeError("step failed")
        with unit_of_work(factory) as session:
            assert [r.name for r in MaskingRuleRepository(session).list()] == ["kept"]
    finally:
        engine.dispose()
