"""Wire planning for the driver's opaque values, and errors that name the column (issue 14)."""

from __future__ import annotations

import pyarrow as pa
import pytest

from tdm_agents.provisioning.catalog import TargetColumn
from tdm_agents.provisioning.errors import LoadError
from tdm_agents.provisioning.wire import BinaryCopyEncoder, plan_wire


def _column(name: str, wire: str, data_type: str | None = None) -> TargetColumn:
    return TargetColumn(name, data_type or wire, False, False, False, False, wire)


def test_opaque_numeric_held_as_text_goes_direct_as_numeric_binary():
    text_numeric = pa.opaque(pa.string(), type_name="numeric", vendor_name="PostgreSQL")
    wire = plan_wire("part", pa.schema([pa.field("price", text_numeric)]), [_column("price", "numeric")])
    assert wire.direct and wire.columns[0].numeric_text
    encoder = BinaryCopyEncoder(wire)
    encoder.header()
    batch = pa.record_batch([pa.array(["12.50"]).cast(text_numeric)], names=["price"])
    encoded = encoder.encode(batch) + encoder.trailer()
    # One field of 18 bytes: 5 digits, the first worth 10000^3, positive, dscale 2: 0 0 0 12 5000.
    assert encoded[6:-2] == bytes.fromhex("0005 0003 0000 0002 0000 0000 0000 000c 1388".replace(" ", ""))


def test_text_that_is_no_number_names_the_numeric_column_not_the_value():
    wire = plan_wire("shop.part", pa.schema([pa.field("price", pa.string())]), [_column("price", "numeric")])
    encoder = BinaryCopyEncoder(wire)
    encoder.header()
    with pytest.raises(LoadError) as failure:
        encoder.encode(pa.record_batch([pa.array(["12.5", "secret-7"])], names=["price"]))
    assert "shop.part.price" in str(failure.value) and "secret" not in str(failure.value)


def test_opaque_value_in_binary_form_goes_direct():
    raw = pa.opaque(pa.binary(), type_name="pg_lsn", vendor_name="PostgreSQL")
    wire = plan_wire("log", pa.schema([pa.field("lsn", raw)]), [_column("lsn", "pg_lsn")])
    assert wire.direct


def test_a_value_the_encoder_refuses_names_table_and_column_not_the_value():
    schema = pa.schema([pa.field("id", pa.int32()), pa.field("label", pa.binary())])
    wire = plan_wire("zoo.tags", schema, [_column("id", "int4"), _column("label", "text")])
    encoder = BinaryCopyEncoder(wire)
    batch = pa.record_batch([pa.array([1], pa.int32()), pa.array([b"\xff\xfe secret"])], schema=schema)
    with pytest.raises(LoadError) as failure:
        encoder.encode(batch)
    assert "zoo.tags.label" in str(failure.value)
    assert "secret" not in str(failure.value)


def test_a_value_the_binary_encoder_refuses_names_its_own_column():
    """The encoder refuses a timestamp before PostgreSQL's range; the message names that column,
    not the first one."""
    schema = pa.schema([pa.field("id", pa.int32()), pa.field("seen_at", pa.timestamp("us"))])
    wire = plan_wire("zoo.visits", schema, [_column("id", "int4"), _column("seen_at", "timestamp")])
    encoder = BinaryCopyEncoder(wire)
    encoder.header()
    too_early = pa.array([0, -(2**63) + 1], pa.int64()).cast(pa.timestamp("us"))
    with pytest.raises(LoadError) as failure:
        encoder.encode(pa.record_batch([pa.array([1, 2], pa.int32()), too_early], schema=schema))
    assert "zoo.visits.seen_at" in str(failure.value)
