"""Unconstrained `numeric` through subset → provision (issue 14, item 1), and a value the target
cannot take failing the run by table and column before anything in the target changes.

The driver hands plain `numeric` over as text (it may hold values no fixed-point type can carry);
the loader once sent that text as if it were numeric's binary form, and the target refused it. It
is now encoded into numeric's binary form (see `numeric_wire`) and copied straight in.
"""

from __future__ import annotations

import psycopg
import pytest

from tdm_agents.provisioning.errors import LoadError
from tdm_agents.provisioning.provision import ProvisionOptions, provision
from tests.fixtures.postgres import create_database, drop_database
from tests.integration.roundtrip.pipeline import dataset_input, discover_all, subset_everything

pytestmark = pytest.mark.integration

VALUES = [
    "1566.58",
    "NaN",
    "Infinity",
    "-Infinity",
    "0.000000000000000000000000000000000000000000000000000000000000000000000000000000000001",
    "123456789012345678901234567890123456789012345678901234567890.123456789012345678901234567890",
    "-0.5",
    "0",
    None,
]


@pytest.fixture
def numeric_source(pg_server_url):
    url = create_database(pg_server_url, prefix="tdm_numeric_src")
    with psycopg.connect(url) as conn:
        conn.execute(
            "CREATE TABLE part (id integer PRIMARY KEY, retail_price numeric, list_price numeric(10, 2))"
        )
        rows = [
            (i, v, None if v in (None, "Infinity", "-Infinity") else "NaN" if v == "NaN" else "12.5")
            for i, v in enumerate(VALUES)
        ]
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO part VALUES (%s, %s::numeric, %s::numeric)", rows)
    yield url
    drop_database(pg_server_url, url)


def _text(url: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT id, retail_price::text, list_price::text FROM part ORDER BY id"
        ).fetchall()


def test_plain_numeric_provisions_every_value_exactly(numeric_source, fresh_db_url, local_store):
    snapshot = discover_all(numeric_source, ["public"])
    version_id = subset_everything(numeric_source, snapshot, local_store)
    dataset = dataset_input(local_store, version_id, snapshot)
    result = provision(fresh_db_url, dataset, ProvisionOptions())
    assert result["row_counts"] == {"part": len(VALUES)}
    assert _text(fresh_db_url) == _text(numeric_source)
    with psycopg.connect(fresh_db_url) as conn:
        types = conn.execute(
            "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
            "WHERE attrelid = 'part'::regclass AND attnum > 1 ORDER BY attnum"
        ).fetchall()
    assert types == [("numeric",), ("numeric(10,2)",)]


def test_a_value_the_target_cannot_take_names_the_column_and_changes_nothing(
    numeric_source, fresh_db_url, local_store
):
    snapshot = discover_all(numeric_source, ["public"])
    version_id = subset_everything(numeric_source, snapshot, local_store)
    with psycopg.connect(fresh_db_url) as conn:
        conn.execute(
            "CREATE TABLE part (id integer PRIMARY KEY, retail_price numeric(6, 2), list_price numeric)"
        )
        conn.execute("INSERT INTO part VALUES (-1, 1.5, 2.5)")
    before = _text(fresh_db_url)
    with pytest.raises(LoadError) as failure:
        provision(
            fresh_db_url, dataset_input(local_store, version_id, snapshot), ProvisionOptions(mode="append")
        )
    message = str(failure.value)
    assert "public.part" in message and "retail_price" in message
    assert "1566" not in message and "12345" not in message  # no values in errors
    assert _text(fresh_db_url) == before
