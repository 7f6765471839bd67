"""Value shapes: what a value looks like without what it says.

`John.Smith@example.com` becomes `Aaaa.Aaaaa@aaaaaaa.aaa` and `123-45-6789` becomes `ddd-dd-dddd`:
letters become `A`/`a`, digits `d`, other characters stay. Long runs are capped so that the
length of a free-text value does not leak it either. Shapes are what the LLM is shown; raw values
never leave the process.
"""

from __future__ import annotations

import re
from collections import Counter

import pyarrow as pa
import pyarrow.compute as pc

MAX_SHAPE_LENGTH = 40
_RUN = re.compile(r"(.)\1{7,}")


def value_shape(value: object) -> str:
    """The shape of one value (bytes are described by their length bucket only)."""
    if isinstance(value, bytes | bytearray | memoryview):
        return f"<binary {_size_bucket(len(bytes(value)))}>"
    out = []
    for ch in str(value):
        if ch.isdigit():
            out.append("d")
        elif ch.isalpha():
            out.append("A" if ch.isupper() else "a")
        else:
            out.append(ch if ch.isascii() and not ch.isspace() else " ")
    shape = _RUN.sub(lambda m: m.group(1) * 7 + "…", "".join(out))
    return shape if len(shape) <= MAX_SHAPE_LENGTH else shape[:MAX_SHAPE_LENGTH] + "…"


def _size_bucket(size: int) -> str:
    for limit, label in ((1024, "<1KB"), (1024 * 1024, "<1MB")):
        if size < limit:
            return label
    return ">=1MB"


def column_shapes(values: pa.Array, limit: int = 5) -> list[str]:
    """The most common shapes of a column's sampled values, most common first."""
    present = values.drop_null()
    if not len(present):
        return []
    if pa.types.is_binary(present.type) or pa.types.is_large_binary(present.type):
        lengths = pc.binary_length(present).to_pylist()
        counts = Counter(f"<binary {_size_bucket(n)}>" for n in lengths)
    else:
        counts = Counter(value_shape(v) for v in pc.cast(present, pa.large_string()).to_pylist())
    return [shape for shape, _ in counts.most_common(limit)]
