"""Read simple CHECK constraints into attribute bounds and enum values.

Only conjunctions of `column <op> constant`, `column IN (...)` and `column = ANY (ARRAY[...])`
are understood, as PostgreSQL's `pg_get_constraintdef` prints them; anything else is left to
the database and reported as not understood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CAST = re.compile(r"::[a-z_ ]+(\[\])?(\(\d+(,\s*\d+)?\))?", re.IGNORECASE)
_COMPARE = re.compile(r"^\(*\s*\"?(\w+)\"?\s*(>=|<=|>|<)\s*\(*\s*(-?\d+(?:\.\d+)?)\s*\)*$")
_COMPARE_REVERSED = re.compile(r"^\(*\s*\(*\s*(-?\d+(?:\.\d+)?)\s*\)*\s*(>=|<=|>|<)\s*\"?(\w+)\"?\s*\)*$")
_ANY_ARRAY = re.compile(r"^\(*\s*\"?(\w+)\"?\s*=\s*ANY\s*\(+\s*ARRAY\s*\[(.*)\]\s*\)*$", re.IGNORECASE)
_IN_LIST = re.compile(r"^\(*\s*\"?(\w+)\"?\s+IN\s*\((.*)\)\s*\)*$", re.IGNORECASE)
_QUOTED = re.compile(r"'((?:[^']|'')*)'")
_FLIP = {">": "<", "<": ">", ">=": "<=", "<=": ">="}


@dataclass
class ColumnBounds:
    """What the understood CHECK constraints say about one column."""

    min: float | None = None
    max: float | None = None
    min_exclusive: bool = False
    max_exclusive: bool = False
    enum_values: list[str] | None = None


@dataclass
class CheckReading:
    """Bounds per column, and the constraints that could not be read."""

    columns: dict[str, ColumnBounds] = field(default_factory=dict)
    not_understood: list[str] = field(default_factory=list)


def read_check_constraints(expressions: list[str]) -> CheckReading:
    """Parse CHECK expressions into per-column bounds; unreadable ones are listed, not guessed."""
    reading = CheckReading()
    for expression in expressions:
        body = _CAST.sub("", expression.strip())
        body = re.sub(r"^CHECK\s*", "", body, flags=re.IGNORECASE).strip()
        parts = [p.strip() for p in re.split(r"\)\s+AND\s+\(", _strip_outer(body), flags=re.IGNORECASE)]
        if not all(_apply(reading, part) for part in parts):
            reading.not_understood.append(expression)
    return reading


def _strip_outer(text: str) -> str:
    while text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
        text = text[1:-1].strip()
    return text


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _apply(reading: CheckReading, part: str) -> bool:
    part = _strip_outer(part)
    if match := _COMPARE.match(part):
        _bound(reading, match.group(1), match.group(2), float(match.group(3)))
        return True
    if match := _COMPARE_REVERSED.match(part):
        _bound(reading, match.group(3), _FLIP[match.group(2)], float(match.group(1)))
        return True
    if match := _ANY_ARRAY.match(part) or _IN_LIST.match(part):
        values = [v.replace("''", "'") for v in _QUOTED.findall(match.group(2))]
        if not values:
            return False
        reading.columns.setdefault(match.group(1), ColumnBounds()).enum_values = values
        return True
    return False


def _bound(reading: CheckReading, column: str, op: str, value: float) -> None:
    bounds = reading.columns.setdefault(column, ColumnBounds())
    if op in (">", ">="):
        bounds.min, bounds.min_exclusive = value, op == ">"
    else:
        bounds.max, bounds.max_exclusive = value, op == "<"
