"""`tdm migrate` lists stored masking rule sets that can no longer run; `--check-rules` fails on them."""

from __future__ import annotations

import os
import subprocess
import sys

from tdm_agents.masking.stored_rules import invalid_rule_sets
from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
from tdm_metadata_store.repositories.masking_rules import MaskingRuleRepository

GOOD = {
    "rules": [{"table": "customers", "column": "email", "type": "mask.email_deterministic", "options": {}}]
}
BAD = {
    "rules": [
        {"table": "customers", "column": "email", "type": "os.system", "options": {"cmd": "id"}},
        {"table": "customers", "column": "zip", "type": "mask.generalize",
         "options": {"mode": "prefix", "prefix_length": 10**16}},
    ]
}  # fmt: skip


def _tdm(args, database_url):
    env = {**os.environ, "DATABASE_URL": database_url, "TDM_ENV_FILE": ""}
    return subprocess.run(
        [sys.executable, "-m", "tdm_api.cli.main", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _store(database_url: str) -> str:
    factory = make_session_factory(make_engine(database_url))
    with unit_of_work(factory) as session:
        repo = MaskingRuleRepository(session)
        repo.create_version("fine", GOOD)
        return str(repo.create_version("legacy", BAD).id)


def test_invalid_stored_rule_sets_are_listed_by_id_and_rule(metadata_db_url, metadata_session):
    bad_id = _store(metadata_db_url)
    found = invalid_rule_sets(metadata_session)
    assert [(str(r.id), r.name, r.version) for r in found] == [(bad_id, "legacy", 1)]
    assert [p["field"] for p in found[0].problems] == [
        "customers.email",
        "customers.zip.options.prefix_length",
    ]


def test_migrate_reports_them_and_check_rules_fails(metadata_db_url):
    bad_id = _store(metadata_db_url)
    plain = _tdm(["migrate"], metadata_db_url)
    assert plain.returncode == 0, plain.stderr
    assert f"invalid masking rule set {bad_id} (legacy v1)" in plain.stdout
    assert "customers.email: unknown rule type 'os.system'" in plain.stdout
    assert "customers.zip.options.prefix_length:" in plain.stdout
    assert "fine" not in plain.stdout
    strict = _tdm(["migrate", "--check-rules"], metadata_db_url)
    assert strict.returncode == 3, strict.stdout + strict.stderr


def test_check_rules_passes_when_every_stored_rule_set_runs(metadata_db_url):
    factory = make_session_factory(make_engine(metadata_db_url))
    with unit_of_work(factory) as session:
        MaskingRuleRepository(session).create_version("fine", GOOD)
    strict = _tdm(["migrate", "--check-rules"], metadata_db_url)
    assert strict.returncode == 0, strict.stdout + strict.stderr
    assert "invalid masking rule set" not in strict.stdout
