"""Decimal text encoded as numeric's binary form reads back, through a real server's COPY, exactly as
numeric's own input reads the text: same value, same display scale, typmod applied the same way."""

from __future__ import annotations

import random

import psycopg
import pyarrow as pa
import pytest
from pgpq import ArrowToPostgresBinaryEncoder

from tdm_agents.provisioning.numeric_wire import numeric_binary

pytestmark = pytest.mark.integration

EDGES = [
    "NaN", "Infinity", "-Infinity", "inf", "+inf", " 12.5 ", "1e5", "1.50E+1", "-1.5e-3", ".5", "5.",
    "+7", "0", "-0", "-0.00", "0.000000000000000000000000000000001", "1e-1000", "1e1000", "00012.3400",
    "999999999999999", "-999999999999999.9", "0.0000000000000001",
]  # fmt: skip


def _values(count: int) -> list[str | None]:
    rnd = random.Random(7)
    values: list[str | None] = list(EDGES)
    while len(values) < count:
        kind = rnd.random()
        if kind < 0.6:
            whole = str(rnd.randint(0, 10 ** rnd.randint(0, 10)))
            fraction = "".join(rnd.choice("0123456789") for _ in range(rnd.randint(0, 9)))
            values.append(("-" if rnd.random() < 0.3 else "") + whole + ("." + fraction if fraction else ""))
        elif kind < 0.8:
            fraction = str(rnd.randint(0, 10**30)).zfill(rnd.randint(1, 35))
            values.append(f"{rnd.randint(-(10**40), 10**40)}.{fraction}")
        elif kind < 0.9:
            values.append(None)
        else:
            values.append(f"{rnd.uniform(-1e6, 1e6):.{rnd.randint(0, 6)}e}")
    return values


def _copy_back(url: str, column_type: str, values: list[str | None]) -> list[str | None]:
    field = pa.field("v", pa.binary())
    encoder = ArrowToPostgresBinaryEncoder(pa.schema([field]))
    batch = pa.record_batch([numeric_binary(pa.array(values, pa.string()))], schema=pa.schema([field]))
    data = encoder.write_header() + encoder.write_batch(batch) + encoder.finish()
    with psycopg.connect(url) as conn:
        conn.execute(f"CREATE TEMP TABLE t (i serial, v {column_type})")
        with conn.cursor().copy("COPY t (v) FROM STDIN (FORMAT BINARY)") as copy:
            copy.write(data)
        return [row[0] for row in conn.execute("SELECT v::text FROM t ORDER BY i")]


def _parsed(url: str, column_type: str, values: list[str | None]) -> list[str | None]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            f"SELECT (x::{column_type})::text FROM unnest(%s::text[]) WITH ORDINALITY u(x, n) ORDER BY n",
            (values,),
        )
        return [row[0] for row in rows]


def test_every_value_reads_back_as_numeric_input_reads_its_text(fresh_db_url):
    values = _values(5000)
    assert _copy_back(fresh_db_url, "numeric", values) == _parsed(fresh_db_url, "numeric", values)


def test_a_typmod_rounds_as_a_cast_does(fresh_db_url):
    values = ["1.005", "-2.994", "12345678.125", "0.0049", None, "7"]
    assert _copy_back(fresh_db_url, "numeric(10,2)", values) == _parsed(fresh_db_url, "numeric(10,2)", values)


def test_a_value_over_the_typmod_precision_is_refused(fresh_db_url):
    with pytest.raises(psycopg.errors.NumericValueOutOfRange):
        _copy_back(fresh_db_url, "numeric(4,2)", ["12.5", "123.4"])
