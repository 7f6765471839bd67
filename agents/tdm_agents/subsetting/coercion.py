"""Filter values checked against their column's type and turned into the text PostgreSQL parses.

Values are bound as text parameters and cast on the server to the column's type, so each value is
validated here first (a wrong type is a 422, not a failed job) and normalised to a canonical form.
Error messages describe the expected type and never echo the value.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from psycopg import sql

from tdm_metadata_store.snapshot import ColumnInfo

_ORDERING_OPS = {"<", "<=", ">", ">=", "between"}
_PATTERN_OPS = {"like", "ilike"}
_NULL_OPS = {"is_null", "not_null"}
# Types without a usable equality or ordering operator (json has none, point uses ~=).
_INCOMPARABLE = {"json", "geometric"}
_TRUE = {"true", "t", "yes", "y", "1", "on"}
_FALSE = {"false", "f", "no", "n", "0", "off"}
_INTEGER_TEXT = re.compile(r"^[+-]?\d+$")


def op_problem(column: ColumnInfo, op: str) -> str | None:
    """Why `op` cannot be applied to `column`, or None when it can."""
    if op in _NULL_OPS:
        return None
    category = "json" if column.udt_name == "json" else column.type_category
    if category in _INCOMPARABLE:
        return f"operator '{op}' is not available for {column.type_category} columns"
    if op in _PATTERN_OPS and column.type_category != "string":
        return f"operator '{op}' needs a text column"
    if op in _ORDERING_OPS and column.type_category in {"boolean", "json"}:
        return f"operator '{op}' is not available for {column.type_category} columns"
    return None


def cast_type(column: ColumnInfo) -> sql.Composable:
    """The type a bound value is cast to: the column's type without its modifier.

    Casting to `varchar(3)` or `numeric(10,2)` would silently truncate or round the value and
    change what the filter matches, so built-in types use their modifier-free internal name.
    Enums and domains carry no modifier and use the (schema-qualified) name discovery recorded.
    """
    if column.udt_name and column.type_category != "enum" and column.domain_name is None:
        return sql.Identifier(column.udt_name)
    return sql.SQL(column.data_type)


def coerce_value(column: ColumnInfo, value: Any) -> str:
    """Canonical text of `value` for `column`, or ValueError saying which type was expected."""
    if value is None:
        raise ValueError("a value is required (use is_null / not_null for NULL)")
    coerce = _COERCERS.get(column.type_category, _coerce_text)
    try:
        text = coerce(value)
    except (ValueError, TypeError, InvalidOperation, ArithmeticError):
        raise ValueError(f"expects a value of type {column.type_category}") from None
    if column.type_category == "enum" and column.enum_values and text not in column.enum_values:
        raise ValueError("is not one of the enum's values")
    return text


def _coerce_integer(value: Any) -> str:
    if isinstance(value, bool):
        raise TypeError
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str) and _INTEGER_TEXT.match(value.strip()):
        return str(int(value))
    raise TypeError


def _coerce_decimal(value: Any) -> str:
    if isinstance(value, bool):
        raise TypeError
    number = Decimal(str(value).strip())
    if not number.is_finite():
        raise ValueError
    return str(number)


def _coerce_float(value: Any) -> str:
    if isinstance(value, bool):
        raise TypeError
    number = float(str(value).strip()) if isinstance(value, str) else float(value)
    if math.isnan(number):
        raise ValueError
    return repr(number)


def _coerce_boolean(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return "true" if value.strip().lower() in _TRUE else "false"
    raise TypeError


def _coerce_date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        raise TypeError
    if isinstance(value, dt.date):
        return value.isoformat()
    return dt.date.fromisoformat(str(value).strip()).isoformat()


def _coerce_timestamp(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time()).isoformat()
    if not isinstance(value, str):
        raise TypeError
    return dt.datetime.fromisoformat(value.strip()).isoformat()


def _coerce_time(value: Any) -> str:
    if isinstance(value, dt.time):
        return value.isoformat()
    return dt.time.fromisoformat(str(value).strip()).isoformat()


def _coerce_uuid(value: Any) -> str:
    return str(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value).strip()))


def _coerce_text(value: Any) -> str:
    # Interval, network, array and other types are parsed by the server's cast.
    if not isinstance(value, str):
        raise TypeError
    return value


_COERCERS = {
    "integer": _coerce_integer,
    "decimal": _coerce_decimal,
    "float": _coerce_float,
    "boolean": _coerce_boolean,
    "date": _coerce_date,
    "timestamp": _coerce_timestamp,
    "time": _coerce_time,
    "uuid": _coerce_uuid,
    "string": _coerce_text,
    "enum": _coerce_text,
}
