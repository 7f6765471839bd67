"""Partition trees and inheritance through subset → provision into an empty database.

Every table of the zoo's partition and inheritance schemas (partitions one by one, read with ONLY)
must hold the same rows in the target, under the same bounds, partition keys, INHERITS parents,
constraints (declared where the source declared them) and indexes.
"""

from __future__ import annotations

import psycopg
import pytest

from tdm_agents.provisioning.provision import DatasetInput, ProvisionOptions, provision
from tdm_agents.subsetting import MemorySink, SubsetRequest, extract_subset, validate_request
from tests.fixtures.postgres import create_database, drop_database
from tests.fixtures.zoo_partitions import discover_structure, load_zoo_schemas

pytestmark = pytest.mark.integration
SCHEMAS = ("zoo_part", "zoo_part_fk", "zoo_inherit")

_TABLES = """
SELECT n.nspname || '.' || c.relname, c.relkind, pg_get_expr(c.relpartbound, c.oid),
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
       ARRAY(SELECT i.inhparent::regclass::text FROM pg_inherits i WHERE i.inhrelid = c.oid ORDER BY 1)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(%(schemas)s) AND c.relkind IN ('r', 'p') ORDER BY 1
"""
_CONSTRAINTS = """
SELECT k.conrelid::regclass::text, k.conname, pg_get_constraintdef(k.oid), k.conparentid <> 0, k.conislocal
FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace
WHERE n.nspname = ANY(%(schemas)s) AND k.conrelid <> 0 ORDER BY 1, 2, 3
"""
_INDEXES = """
SELECT schemaname, tablename, indexname, indexdef FROM pg_indexes
WHERE schemaname = ANY(%(schemas)s) ORDER BY 1, 2, 3
"""


def _structure(url: str) -> dict[str, list[tuple]]:
    with psycopg.connect(url) as conn:
        return {
            name: conn.execute(query, {"schemas": list(SCHEMAS)}).fetchall()
            for name, query in (("tables", _TABLES), ("constraints", _CONSTRAINTS), ("indexes", _INDEXES))
        }


def _contents(url: str, tables: list[str]) -> dict[str, tuple]:
    out = {}
    with psycopg.connect(url) as conn:
        for table in tables:
            schema, name = table.split(".", 1)
            query = f'SELECT count(*), md5(string_agg(t::text, \'|\' ORDER BY t::text)) FROM ONLY "{schema}"."{name}" t'
            out[table] = conn.execute(query).fetchone()
    return out


@pytest.fixture(scope="module")
def round_trip(pg_server_url):
    source = create_database(pg_server_url, prefix="tdm_part_src")
    target = create_database(pg_server_url, prefix="tdm_part_dst")
    load_zoo_schemas(source, *SCHEMAS)
    snapshot = discover_structure(source, *SCHEMAS)
    roots = [t.key for t in snapshot.tables if t.is_subset_source]
    request = SubsetRequest(schema_version_id="sv", connection_string=source, root_table=roots)
    sink = MemorySink()
    result = extract_subset(source, snapshot, validate_request(request, snapshot), sink)
    dataset = DatasetInput(
        snapshot=snapshot,
        row_counts=result.row_counts,
        arrow_schemas={t: sink.read_table(t).schema for t in result.row_counts},
        read=lambda t: sink.read_table(t).to_batches(max_chunksize=500),
    )
    outcome = provision(target, dataset, ProvisionOptions())
    yield source, target, outcome, dataset
    drop_database(pg_server_url, source)
    drop_database(pg_server_url, target)


def test_partitions_and_inheritance_keep_their_structure(round_trip):
    source, target, outcome, _ = round_trip
    assert outcome["smoke_test_results"]["passed"]
    expected, found = _structure(source), _structure(target)
    assert found["tables"] == expected["tables"]
    assert found["constraints"] == expected["constraints"]
    assert found["indexes"] == expected["indexes"]


def test_every_partition_and_inheritance_table_holds_the_same_rows(round_trip):
    source, target, _, _ = round_trip
    tables = [row[0] for row in _structure(source)["tables"]]
    assert len(tables) == 32
    assert _contents(target, tables) == _contents(source, tables)


def test_payment_keys_are_declared_on_each_partition_in_the_target(round_trip):
    _, target, _, _ = round_trip
    with psycopg.connect(target) as conn:
        rows = conn.execute(
            "SELECT conrelid::regclass::text FROM pg_constraint WHERE contype = 'f' "
            "AND confrelid = 'zoo_part_fk.rental'::regclass AND conrelid::regclass::text LIKE 'zoo_part_fk.payment%'"
        ).fetchall()
    assert sorted(r[0] for r in rows) == [f"zoo_part_fk.payment_p2022_0{m}" for m in range(1, 7)]


def test_a_second_load_truncates_the_existing_tree_and_keeps_its_keys(round_trip):
    # Keys cloned onto partitions are dropped and recreated with the key they belong to.
    source, target, _, dataset = round_trip
    before = _structure(target)
    outcome = provision(target, dataset, ProvisionOptions(mode="truncate"))
    assert outcome["smoke_test_results"]["passed"] and not outcome["tables_created"]
    assert _structure(target) == before
    tables = [row[0] for row in before["tables"]]
    assert _contents(target, tables) == _contents(source, tables)


def test_a_single_target_schema_holds_the_whole_tree(round_trip, pg_server_url):
    # An ephemeral CI schema: every partition lands beside its parent, keys and INHERITS follow.
    source, _, _, dataset = round_trip
    target = create_database(pg_server_url, prefix="tdm_part_ci")
    try:
        outcome = provision(target, dataset, ProvisionOptions(target_schema="ci_part"))
        assert outcome["smoke_test_results"]["passed"]
        with psycopg.connect(target) as conn:
            parts = conn.execute(
                "SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                "WHERE c.relnamespace = 'ci_part'::regnamespace AND c.relkind IN ('r', 'p')"
            ).fetchone()[0]
            payments = conn.execute("SELECT count(*) FROM ci_part.payment_p2022_03").fetchone()[0]
        with psycopg.connect(source) as conn:
            expected = conn.execute("SELECT count(*) FROM zoo_part_fk.payment_p2022_03").fetchone()[0]
        assert parts == 20 and payments == expected  # 18 partitions, 2 INHERITS children
    finally:
        drop_database(pg_server_url, target)
