"""How each dataset column travels to its target column in PostgreSQL's binary COPY format.

Arrow batches are encoded by `pgpq` (vectorized, in Rust) after a cast to the Arrow type whose
binary form is exactly what the target type's receive function reads (int4 ← int32, numeric ←
decimal128, uuid ← 16 raw bytes, jsonb ← text with its version byte, enum/varchar/json ← text, a
driver's opaque value of the same PostgreSQL type ← its raw wire bytes, when its storage is
binary). Decimal text for a numeric column, as the driver hands over an unconstrained numeric, is
encoded into numeric's binary form here (see `numeric_wire`). A column without such a match (a
uuid held as text, a varchar[] held as list of strings) travels as text or text[] into a temporary
staging table, and the server casts it on the way into the target: correct for any type, at the
price of one extra server-side pass for that table only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pgpq import ArrowToPostgresBinaryEncoder
from pgpq import encoders as enc
from pgpq import schema as pgs

from tdm_agents.provisioning.catalog import TargetColumn
from tdm_agents.provisioning.errors import LoadError
from tdm_agents.provisioning.numeric_wire import NumericTextError, numeric_binary

_TEXT_RECV = {"text", "varchar", "bpchar", "name", "citext", "json", "xml"}
_FIXED = {
    "int2": pa.int16(),
    "int4": pa.int32(),
    "int8": pa.int64(),
    "float4": pa.float32(),
    "float8": pa.float64(),
    "bool": pa.bool_(),
    "date": pa.date32(),
    "timestamp": pa.timestamp("us"),
    "timestamptz": pa.timestamp("us", tz="UTC"),
    "time": pa.time64("us"),
    "bytea": pa.binary(),
    "interval": pa.duration("us"),
}
# Array element types whose oid pgpq writes for the matching Arrow element type (not timestamptz:
# pgpq labels a list of zoned timestamps with timestamp's oid, which timestamptz[] refuses).
_ARRAY_ELEMENTS = {"int2", "int4", "int8", "float4", "float8", "bool", "text", "date", "timestamp", "bytea"}


@dataclass(frozen=True)
class ColumnWire:
    """One column: its name, target type text, and whether it goes binary-direct or as text to staging."""

    name: str
    target_type: str
    direct: bool
    arrow_type: pa.DataType
    jsonb: bool = False
    numeric_text: bool = False  # decimal text encoded as numeric's binary form (see numeric_wire)


@dataclass(frozen=True)
class TableWire:
    """The columns a table loads, in COPY order; `direct` when no column needs the staging cast."""

    table: str
    columns: list[ColumnWire]

    @property
    def direct(self) -> bool:
        """True when every column's binary form is what the target reads."""
        return all(c.direct for c in self.columns)

    @property
    def names(self) -> list[str]:
        """Column names in COPY order."""
        return [c.name for c in self.columns]


def plan_wire(table: str, schema: pa.Schema, target: list[TargetColumn]) -> TableWire:
    """Match the dataset's Arrow fields to the target's columns (generated ones are skipped)."""
    by_name = {c.name: c for c in target}
    columns = []
    for field in schema:
        column = by_name.get(field.name)
        if column is None or column.generated:
            continue
        columns.append(_column_wire(table, field, column))
    if not columns:
        raise LoadError(f"Table {table} shares no loadable column with its target table.")
    return TableWire(table, columns)


def _column_wire(table: str, field: pa.Field, column: TargetColumn) -> ColumnWire:
    arrow = _storage(field.type)
    wire = column.wire_type
    if _driver_wire_bytes(field.type, wire):
        return ColumnWire(field.name, column.data_type, True, arrow)
    if _never_loadable(arrow, wire):
        raise LoadError(
            f"Column {table}.{field.name} ({field.type}) cannot be loaded into a {column.data_type} column."
        )
    if wire in _TEXT_RECV or column.is_enum:
        return ColumnWire(field.name, column.data_type, _is_text(arrow), pa.string())
    if wire == "jsonb":
        return ColumnWire(field.name, column.data_type, _is_text(arrow), pa.string(), jsonb=_is_text(arrow))
    if wire == "uuid":
        direct = isinstance(field.type, pa.UuidType) or arrow == pa.binary(16)
        return ColumnWire(field.name, column.data_type, direct, pa.binary(16) if direct else pa.string())
    if wire == "numeric":
        if _is_text(arrow):
            return ColumnWire(field.name, column.data_type, True, pa.binary(), numeric_text=True)
        direct = pa.types.is_decimal(arrow) or pa.types.is_integer(arrow)
        target_arrow = arrow if pa.types.is_decimal(arrow) else pa.decimal128(38, 0)
        return ColumnWire(field.name, column.data_type, direct, target_arrow if direct else pa.string())
    if wire in _FIXED:
        wanted = _FIXED[wire]
        direct = _castable(arrow, wanted)
        return ColumnWire(field.name, column.data_type, direct, wanted if direct else pa.string())
    if wire.startswith("_") and (pa.types.is_list(arrow) or pa.types.is_large_list(arrow)):
        element = column.element_type or ""
        inner = _FIXED.get(element, pa.string() if element == "text" else None)
        direct = element in _ARRAY_ELEMENTS and inner is not None and _castable(arrow.value_type, inner)
        return ColumnWire(field.name, column.data_type, direct, pa.list_(inner if direct else pa.string()))
    if _castable(arrow, pa.string()) or isinstance(field.type, pa.UuidType):
        return ColumnWire(field.name, column.data_type, False, pa.string())
    raise LoadError(
        f"Column {table}.{field.name} ({field.type}) cannot be loaded into a {column.data_type} column."
    )


def _driver_wire_bytes(arrow: pa.DataType, wire: str) -> bool:
    """True for the driver's opaque value of the target's own type when it holds the binary
    form; the driver keeps some types (unconstrained numeric) as text, which is not wire bytes."""
    return (
        isinstance(arrow, pa.BaseExtensionType)
        and getattr(arrow, "type_name", None) == wire
        and (pa.types.is_binary(arrow.storage_type) or pa.types.is_large_binary(arrow.storage_type))
    )


def _never_loadable(arrow: pa.DataType, wire: str) -> bool:
    """Structs, maps and unions have no PostgreSQL form here, nor lists outside array columns."""
    if pa.types.is_struct(arrow) or pa.types.is_map(arrow) or pa.types.is_union(arrow):
        return True
    listed = pa.types.is_list(arrow) or pa.types.is_large_list(arrow)
    return listed and not wire.startswith("_")


def _storage(arrow: pa.DataType) -> pa.DataType:
    return arrow.storage_type if isinstance(arrow, pa.BaseExtensionType) else arrow


def _is_text(arrow: pa.DataType) -> bool:
    return pa.types.is_string(arrow) or pa.types.is_large_string(arrow)


def _castable(source: pa.DataType, target: pa.DataType) -> bool:
    if source == target:
        return True
    if pa.types.is_integer(target):
        return pa.types.is_integer(source)
    if pa.types.is_floating(target):
        return pa.types.is_integer(source) or pa.types.is_floating(source) or pa.types.is_decimal(source)
    if pa.types.is_timestamp(target):
        return pa.types.is_timestamp(source) or pa.types.is_date(source)
    if pa.types.is_date(target):
        return pa.types.is_date(source)
    if pa.types.is_time(target):
        return pa.types.is_time(source)
    if pa.types.is_binary(target):
        return pa.types.is_binary(source) or pa.types.is_large_binary(source)
    if pa.types.is_duration(target):
        return pa.types.is_duration(source)
    if pa.types.is_string(target):
        return not (
            pa.types.is_nested(source) or pa.types.is_binary(source) or pa.types.is_fixed_size_binary(source)
        )
    return False


def staging_type(column: ColumnWire) -> str:
    """The staging table's type for a column: its target type when direct, else text or text[]."""
    if column.direct:
        return column.target_type
    return "text[]" if pa.types.is_list(column.arrow_type) else "text"


class BinaryCopyEncoder:
    """Encodes record batches of one table into binary COPY bytes, casting each column first."""

    def __init__(self, wire: TableWire) -> None:
        self.wire = wire
        self.schema = pa.schema([pa.field(c.name, c.arrow_type) for c in wire.columns])
        builders = {c.name: _builder(self.schema.field(c.name), c) for c in wire.columns}
        self._encoder = ArrowToPostgresBinaryEncoder.new_with_encoders(self.schema, builders)

    def header(self) -> bytes:
        """The COPY binary signature and header."""
        return self._encoder.write_header()

    def encode(self, batch: pa.RecordBatch) -> bytes:
        """One batch's rows in COPY binary tuples."""
        arrays = [self._column(batch, c) for c in self.wire.columns]
        converted = pa.RecordBatch.from_arrays(arrays, schema=self.schema)
        try:
            return self._encoder.write_batch(converted)
        except ValueError:
            raise LoadError(self._encoding_failure(converted)) from None

    def _encoding_failure(self, batch: pa.RecordBatch) -> str:
        """Which column the encoder refused (found by encoding each column alone), without values."""
        for column in self.wire.columns:
            field = self.schema.field(column.name)
            alone = pa.schema([field])
            encoder = ArrowToPostgresBinaryEncoder.new_with_encoders(
                alone, {field.name: _builder(field, column)}
            )
            encoder.write_header()  # without it every column is refused, and the first one blamed
            try:
                encoder.write_batch(pa.RecordBatch.from_arrays([batch.column(column.name)], schema=alone))
            except ValueError:
                return (
                    f"Column {self.wire.table}.{column.name} holds a value outside what its "
                    f"{column.target_type} target column can take in binary form."
                )
        return f"Table {self.wire.table} holds a value that could not be encoded for its target."

    def _column(self, batch: pa.RecordBatch, column: ColumnWire) -> pa.Array:
        try:
            return _convert(batch.column(column.name), column)
        except NumericTextError:
            raise LoadError(
                f"Column {self.wire.table}.{column.name} holds a value that is not a number its "
                f"{column.target_type} target column can take."
            ) from None
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            # Arrow's message can quote the value: only the column and the types are named.
            raise LoadError(
                f"Column {self.wire.table}.{column.name} ({batch.schema.field(column.name).type}) holds "
                f"values that cannot be converted for its {column.target_type} target column."
            ) from None

    def trailer(self) -> bytes:
        """The end-of-data marker."""
        return self._encoder.finish()


def _builder(field: pa.Field, column: ColumnWire):
    if column.jsonb:
        return enc.StringEncoderBuilder.new_with_output(field, pgs.Jsonb())
    return ArrowToPostgresBinaryEncoder.infer_encoder(field)


def _convert(array: pa.Array, column: ColumnWire) -> pa.Array:
    if isinstance(array.type, pa.UuidType) and not column.direct:
        return _uuid_text(array.storage)
    if isinstance(array.type, pa.BaseExtensionType):
        array = array.storage
    if column.numeric_text:
        return numeric_binary(array)
    if array.type == column.arrow_type:
        return array
    if pa.types.is_fixed_size_binary(array.type) and pa.types.is_string(column.arrow_type):
        return _uuid_text(array)
    if pa.types.is_binary(array.type) and pa.types.is_string(column.arrow_type):
        return pc.cast(array, pa.string())
    return pc.cast(array, column.arrow_type)


_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
_UUID_LAYOUT = (8, 4, 4, 4, 12)


def _uuid_text(array: pa.FixedSizeBinaryArray) -> pa.Array:
    """16-byte uuids as canonical text, vectorized (nulls stay null)."""
    width = array.type.byte_width
    if width != 16:
        return pc.cast(pc.cast(array, pa.binary()), pa.string())
    raw = np.frombuffer(array.buffers()[1], dtype=np.uint8, count=len(array) * 16 + array.offset * 16)
    raw = raw[array.offset * 16 :].reshape(len(array), 16)
    hexed = np.empty((len(array), 32), dtype=np.uint8)
    hexed[:, 0::2], hexed[:, 1::2] = _HEX[raw >> 4], _HEX[raw & 0x0F]
    parts, start = [], 0
    for size in _UUID_LAYOUT:
        parts.append(hexed[:, start : start + size])
        start += size
    dash = np.full((len(array), 1), ord("-"), dtype=np.uint8)
    text = np.hstack([parts[0], dash, parts[1], dash, parts[2], dash, parts[3], dash, parts[4]])
    fixed = pa.FixedSizeBinaryArray.from_buffers(
        pa.binary(36), len(array), [array.buffers()[0] and _validity(array), pa.py_buffer(text.tobytes())]
    )
    return pc.cast(pc.cast(fixed, pa.binary()), pa.string())


def _validity(array: pa.Array):
    return None if array.null_count == 0 else pc.is_valid(array).buffers()[1]
