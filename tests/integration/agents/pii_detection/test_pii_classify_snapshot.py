"""classify_snapshot against a real PostgreSQL source created in a fresh database."""

from __future__ import annotations

import psycopg
import pytest

from tdm_agents.common.progress import RecordingHooks
from tdm_agents.pii_detection.classify import classify_snapshot
from tdm_agents.pii_detection.sampler import SourceUnavailable, sample_query
from tdm_metadata_store.snapshot import ColumnInfo, SchemaSnapshot, TableInfo

pytestmark = pytest.mark.integration

DDL = """
CREATE TABLE customer (
    id bigint PRIMARY KEY,
    name text,
    c7 text,
    ssn text,
    born date,
    avatar bytea,
    notes text,
    sku text
);
INSERT INTO customer
SELECT i,
       (ARRAY['Anna Schmidt','John Miller','Maria Garcia','Pieter de Vries','Sophie Martin'])[1 + i % 5],
       'person' || i || '@mail-' || i || '.example.com',
       lpad((100 + i)::text, 3, '0') || '-' || lpad((10 + i % 80)::text, 2, '0') || '-' || lpad((1000 + i)::text, 4, '0'),
       DATE '1950-01-01' + (i * 211) % 18000,
       CASE WHEN i % 10 = 0 THEN NULL ELSE decode('89504e470d0a1a0a0000000d49484452', 'hex') END,
       CASE WHEN i % 3 = 0 THEN 'call back on +44 20 7946 0' || lpad(i::text, 3, '0') || ' please' ELSE 'no action needed today' END,
       'SKU-' || i
FROM generate_series(1, 300) AS i;
CREATE TABLE genre (id int PRIMARY KEY, name text);
INSERT INTO genre VALUES (1, 'Rock'), (2, 'Jazz'), (3, 'Metal'), (4, 'Blues');
"""


def column(name: str, data_type: str, category: str) -> ColumnInfo:
    return ColumnInfo(name=name, data_type=data_type, type_category=category)


SNAPSHOT = SchemaSnapshot(
    tables=[
        TableInfo(
            schema_name="public",
            name="customer",
            row_estimate=300,
            primary_key=["id"],
            columns=[
                column("id", "bigint", "integer"),
                column("name", "text", "string"),
                column("c7", "text", "string"),
                column("ssn", "text", "string"),
                column("born", "date", "date"),
                column("avatar", "bytea", "binary"),
                column("notes", "text", "string"),
                column("sku", "text", "string"),
            ],
        ),
        TableInfo(
            schema_name="public",
            name="genre",
            primary_key=["id"],
            columns=[column("id", "integer", "integer"), column("name", "text", "string")],
        ),
    ]
)


@pytest.fixture
def source_url(fresh_db_url: str) -> str:
    with psycopg.connect(fresh_db_url, autocommit=True) as conn:
        conn.execute(DDL)
    return fresh_db_url


def test_classify_snapshot_finds_pii_in_a_live_source(source_url: str) -> None:
    hooks = RecordingHooks()
    findings = {
        f.column: f for f in classify_snapshot(source_url, SNAPSHOT, sample_size_per_column=50, hooks=hooks)
    }
    assert {c: (f.table, f.pii_type) for c, f in findings.items()} == {
        "name": ("customer", "person_name"),
        "c7": ("customer", "email"),
        "ssn": ("customer", "national_id"),
        "born": ("customer", "date_of_birth"),
        "avatar": ("customer", "photo"),
        "notes": ("customer", "free_text_pii"),
    }
    assert findings["ssn"].subtype == "us_ssn"
    assert any(stage == "pii_sampling" and done == total == 2 for stage, done, total, _ in hooks.events)


def test_large_tables_are_read_through_tablesample() -> None:
    table = SNAPSHOT.tables[0].model_copy(update={"row_estimate": 10_000_000})
    query = sample_query(table, 100, 2000, use_tablesample=True).as_string(None)
    assert "TABLESAMPLE SYSTEM" in query and "LIMIT 2000" in query


def test_tablesample_path_returns_values(source_url: str) -> None:
    big = SNAPSHOT.model_copy(
        update={"tables": [SNAPSHOT.tables[0].model_copy(update={"row_estimate": 10_000_000})]}
    )
    findings = classify_snapshot(source_url, big, sample_size_per_column=20)
    assert {f.column for f in findings} >= {"c7", "ssn"}


def test_a_source_that_went_away_fails_clearly(source_url: str, pg_server_url: str) -> None:
    with psycopg.connect(source_url, autocommit=True) as conn:
        conn.execute("DROP TABLE genre")
    with pytest.raises(SourceUnavailable, match="public.genre"):
        classify_snapshot(source_url, SNAPSHOT)
    unreachable = "postgresql://nobody:secret-pw@127.0.0.1:1/none"
    with pytest.raises(SourceUnavailable) as info:
        classify_snapshot(unreachable, SNAPSHOT)
    assert "secret-pw" not in str(info.value)
