"""PUT /pii/{id} validation and effects, and suggested rules fitted to column types, on a seeded store."""

from __future__ import annotations

import uuid

import pytest

from tdm_agents.masking import validate_rules
from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
from tdm_metadata_store.repositories.pii import PiiFinding, PiiRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository
from tdm_metadata_store.snapshot import ColumnInfo, SchemaSnapshot, TableInfo

SNAPSHOT = SchemaSnapshot(
    tables=[
        TableInfo(
            schema_name="public",
            name="member",
            primary_key=["id"],
            columns=[
                ColumnInfo(name="id", data_type="bigint", type_category="integer", nullable=False),
                ColumnInfo(name="mail", data_type="text", type_category="string"),
                ColumnInfo(name="seen_from", data_type="inet", type_category="network"),
                ColumnInfo(name="nickname", data_type="text", type_category="string"),
            ],
        )
    ]
)


def _finding(column: str, pii_type: str, technique: str = "regex") -> PiiFinding:
    return PiiFinding("public", "member", column, pii_type, technique, 0.9, {"summary": f"{technique} rule"})


@pytest.fixture
def version_id(platform) -> str:
    """A schema version (no source connection) with two stored findings."""
    engine = make_engine(platform.env["DATABASE_URL"])
    with unit_of_work(make_session_factory(engine)) as session:
        schemas = SchemaRepository(session)
        version = schemas.save_version(schemas.get_or_create_schema("members").id, SNAPSHOT)
        PiiRepository(session).replace_for_version(
            version.id, [_finding("mail", "email"), _finding("seen_from", "phone")]
        )
        version_id = str(version.id)
    engine.dispose()
    return version_id


def _put(platform, version_id: str, reviews: list[dict]):
    return platform.client.put(
        f"/api/v1/pii/{version_id}", headers=platform.headers("operator"), json=reviews
    )


@pytest.mark.parametrize(
    ("review", "field"),
    [
        ({"table": "member", "column": "mail", "decision": "change"}, "0"),
        ({"table": "member", "column": "mail", "decision": "reject", "pii_type": "email"}, "0"),
        ({"table": "member", "column": "mail", "decision": "change", "pii_type": "shoe_size"}, "0.pii_type"),
        ({"table": "nobody", "column": "mail", "decision": "reject"}, "0.table"),
        ({"table": "member", "column": "zip", "decision": "reject"}, "0.column"),
        ({"table": "member", "column": "nickname", "decision": "confirm"}, "0.pii_type"),
    ],
)
def test_reviews_that_do_not_fit_are_422(platform, version_id, review, field):
    r = _put(platform, version_id, [review])
    assert r.status_code == 422, r.text
    assert any(e["field"].startswith(field) for e in r.json()["errors"]), r.json()
    assert platform.client.get(f"/api/v1/pii/{version_id}", headers=platform.headers()).json()["by_type"] == {
        "email": 1,
        "phone": 1,
    }


def test_duplicate_decisions_and_empty_lists_are_422(platform, version_id):
    twice = [{"table": "member", "column": "mail", "decision": "reject"}] * 2
    assert _put(platform, version_id, twice).status_code == 422
    assert _put(platform, version_id, []).status_code == 422
    assert _put(platform, str(uuid.uuid4()), twice[:1]).status_code == 404


def test_a_confirm_with_a_type_flags_a_column_the_rules_missed(platform, version_id):
    r = _put(platform, version_id, [{"table": "member", "column": "nickname", "decision": "confirm",
                                     "pii_type": "username", "note": "handles are personal"}])  # fmt: skip
    assert r.status_code == 200, r.text
    columns = {c["column"]: c for c in r.json()["columns"]}
    nickname = columns["nickname"]
    assert (nickname["pii_type"], nickname["technique"], nickname["review_state"]) == (
        "username",
        "review",
        "confirmed",
    )
    assert nickname["detected"] is None and nickname["review"]["reviewed_data_type"] == "text"
    assert nickname["review"]["reviewer"] == "test-operator" and nickname["review"]["applies"]
    assert columns["mail"]["review_state"] == "unreviewed"


def test_suggested_rules_fit_column_types_and_validate(platform, version_id):
    r = platform.client.get(f"/api/v1/pii/{version_id}/suggested-rules", headers=platform.headers("viewer"))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["rules"]["member.mail"] == {"type": "mask.email_deterministic"}
    assert body["rules"]["member.seen_from"] == {"type": "mask.fake_ip"}
    assert "network" in body["adjusted"]["member.seen_from"]
    resolved = validate_rules(body["rules"], SNAPSHOT)
    assert {(rule.table, rule.column) for rule in resolved} == {("member", "mail"), ("member", "seen_from")}


def test_classifying_a_version_without_a_source_is_a_conflict(platform, version_id):
    r = platform.client.post(
        "/api/v1/pii/classify", headers=platform.headers("operator"), json={"schema_version_id": version_id}
    )
    assert r.status_code == 409, r.text
