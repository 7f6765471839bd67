"""POST/PATCH /environments take the target as libpq does (URLs, socket directories, key=value pairs),
show it without its password, and refuse the platform's own metadata database as a target."""

from __future__ import annotations

import pytest

from tdm_api.services.environments import shown_target
from tests.api.test_connection_strings import SECRET, _metadata_forms, _problem


def _create(platform, connection_string: str, name: str = "QA"):
    body = {"name": name, "connection_string": connection_string}
    return platform.client.post("/api/v1/environments", headers=platform.headers(), json=body)


@pytest.mark.parametrize(
    ("connection_string", "display"),
    [
        (f"postgresql://loader:{SECRET}@qa-db:6543/shop", "postgresql://loader@qa-db:6543/shop"),
        ("postgresql://loader@/shop?host=/var/run/postgresql", "postgresql://loader@%2Fvar%2Frun%2Fpostgresql:5432/shop"),
        (f"host=qa-a,qa-b port=5432 dbname=shop user=loader password={SECRET}",
         "postgresql://loader@qa-a:5432,qa-b:5432/shop"),
        (f"host=/tmp dbname=shop password={SECRET}", "postgresql://%2Ftmp:5432/shop"),
    ],
    ids=["url", "socket-url", "key-value-two-hosts", "key-value-socket"],
)  # fmt: skip
def test_every_libpq_form_is_a_target(platform, connection_string: str, display: str) -> None:
    r = _create(platform, connection_string)
    assert r.status_code == 201, r.text
    assert r.json()["display_url"] == display
    listed = platform.client.get("/api/v1/environments", headers=platform.headers("viewer"))
    assert [e["display_url"] for e in listed.json()] == [display]
    assert SECRET not in r.text + listed.text


@pytest.mark.parametrize(
    ("connection_string", "words"),
    [
        (f"postgresql://u:{SECRET}@qa-db/", "names no database"),
        (f"mysql://u:{SECRET}@qa-db/shop", "not PostgreSQL"),
        (f"host=qa-db dbname=shop\x00 password={SECRET}", "control character"),
    ],
    ids=["no-database", "not-postgresql", "control-character"],
)
def test_unusable_targets_are_422_naming_the_part(platform, connection_string: str, words: str) -> None:
    problem = _problem(_create(platform, connection_string))
    assert words in problem["detail"] and SECRET not in str(problem), problem


def test_the_metadata_database_is_refused_as_a_target(platform, fresh_db_url) -> None:
    assert _create(platform, fresh_db_url, name="SIT").status_code == 201
    for form in _metadata_forms(platform):
        problem = _problem(_create(platform, form, name="META"))
        assert "metadata database" in problem["detail"] and problem["field"] == "connection_string"
        r = platform.client.patch(
            "/api/v1/environments/SIT", headers=platform.headers(), json={"connection_string": form}
        )
        assert "metadata database" in _problem(r)["detail"]
    listed = platform.client.get("/api/v1/environments", headers=platform.headers("viewer")).json()
    assert [(e["name"], e["display_url"]) for e in listed] == [("SIT", shown_target(fresh_db_url))]
