"""Smoke checks trust exactly the keys the target validated, and still scan for everything else."""

from __future__ import annotations

import psycopg
import pytest

from tdm_agents.provisioning.enforced import enforced_keys
from tdm_agents.provisioning.layout import TargetLayout
from tdm_agents.provisioning.smoke import run_smoke_tests
from tdm_agents.schema_discovery.catalog import fetch_snapshot
from tests.fixtures.postgres import create_database, drop_database

pytestmark = pytest.mark.integration

DDL = """
CREATE TABLE parent (a int, b int, code text, PRIMARY KEY (a, b), CONSTRAINT parent_code_key UNIQUE (code));
CREATE TABLE child (id int PRIMARY KEY, pa int, pb int, loose int,
                    CONSTRAINT child_parent_fkey FOREIGN KEY (pb, pa) REFERENCES parent (b, a));
CREATE TABLE other (id int, ref int);
INSERT INTO parent VALUES (1, 1, 'x'), (1, 2, 'y');
INSERT INTO child VALUES (1, 1, 1, 7), (2, 1, 2, 8);
INSERT INTO other VALUES (1, 1), (1, 9);
ALTER TABLE other ADD CONSTRAINT other_ref_fkey FOREIGN KEY (ref) REFERENCES child (id) NOT VALID;
"""


@pytest.fixture
def target(pg_server_url):
    url = create_database(pg_server_url, prefix="tdm_prov_enforced")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(DDL)
        snapshot = fetch_snapshot(conn, ["public"])
    yield url, TargetLayout(snapshot, ["parent", "child", "other"], None)
    drop_database(pg_server_url, url)


def test_only_validated_constraints_count_and_columns_match_in_pairs(target):
    url, layout = target
    with psycopg.connect(url) as conn:
        keys = enforced_keys(conn, layout.tables.values())
    assert keys.unique_constraint("parent", ["b", "a"]) == "parent_pkey"
    assert keys.unique_constraint("parent", ["code"]) == "parent_code_key"
    assert keys.unique_constraint("parent", ["a"]) is None
    assert keys.foreign_key("child", ["pa", "pb"], "parent", ["a", "b"]) == "child_parent_fkey"
    assert keys.foreign_key("child", ["pa", "pb"], "parent", ["b", "a"]) is None
    assert keys.foreign_key("other", ["ref"], "child", ["id"]) is None  # NOT VALID proves nothing


def test_smoke_tests_scan_what_no_constraint_covers(target):
    url, layout = target
    with psycopg.connect(url) as conn:
        result = run_smoke_tests(conn, layout, {"parent": 2, "child": 2, "other": 2}, exact_counts=True)
    checks = {c["name"]: c for c in result["checks"]}
    assert checks["unique:parent(a,b)"]["detail"] == "enforced by constraint parent_pkey"
    assert checks["foreign_key:child(pb,pa)->parent"]["detail"] == "enforced by constraint child_parent_fkey"
    # The NOT VALID key is checked row by row, and the orphan it lets through fails the run.
    unchecked = checks["foreign_key:other(ref)->child"]
    assert not unchecked["passed"] and unchecked["detail"] == "1 rows reference a missing parent"
    assert not result["passed"]
