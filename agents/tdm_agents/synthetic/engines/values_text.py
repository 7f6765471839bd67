"""Strings, identifiers and patterned values, drawn from pools and combined with Arrow kernels.

Uniqueness comes from combining a pool value with the row index (`first.last+N@domain`), never
from remembering what was drawn. Patterns are filled by `rstr` once per pool, not per row.
"""

from __future__ import annotations

import random
import zlib

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import rstr

from tdm_agents.common.user_regex import UnsafePatternError, check_user_pattern
from tdm_agents.synthetic.engines.pools import ValuePools, has_pool
from tdm_agents.synthetic.errors import SyntheticRequestError
from tdm_agents.synthetic.schema_model import Attribute, WeightedChoice

_UUID_MASK = (1 << 62) - 1
_GOLDEN = 0x9E3779B97F4A7C15  # odd, so multiplication is a bijection modulo 2**62


def draw(pool: pa.Array, rng: np.random.Generator, size: int) -> pa.Array:
    """`size` values drawn uniformly (with repetition) from a pool."""
    return pool.take(pa.array(rng.integers(0, len(pool), size=size)))


def index_text(start: int, stop: int) -> pa.Array:
    """The row indices start..stop as decimal strings."""
    return pc.cast(pa.array(np.arange(start, stop, dtype=np.int64)), pa.string())


def uuids(table_seed: int, start: int, stop: int) -> pa.Array:
    """Version-4-shaped UUIDs, distinct per row: a per-table prefix and a scrambled row index."""
    index = np.arange(start, stop, dtype=np.uint64)
    low = ((index * np.uint64(_GOLDEN)) & np.uint64(_UUID_MASK)) | np.uint64(1 << 63)
    high = np.uint64((table_seed & 0xFFFFFFFFFFFF0FFF) | 0x4000)
    words = np.empty((stop - start, 2), dtype=">u8")
    words[:, 0], words[:, 1] = high, low
    text = _hex_rows(words.view(np.uint8).reshape(-1, 16))
    return pc.binary_join_element_wise(
        pc.utf8_slice_codeunits(text, 0, 8),
        pc.utf8_slice_codeunits(text, 8, 12),
        pc.utf8_slice_codeunits(text, 12, 16),
        pc.utf8_slice_codeunits(text, 16, 20),
        pc.utf8_slice_codeunits(text, 20, 32),
        "-",
    )


def _hex_rows(rows: np.ndarray) -> pa.Array:
    digits = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
    out = np.empty((rows.shape[0], 32), dtype=np.uint8)
    out[:, 0::2], out[:, 1::2] = digits[rows >> 4], digits[rows & 0x0F]
    offsets = pa.array(np.arange(0, 32 * (rows.shape[0] + 1), 32, dtype=np.int32))
    return pa.StringArray.from_buffers(rows.shape[0], offsets.buffers()[1], pa.py_buffer(out.tobytes()))


def emails(pools: ValuePools, rng: np.random.Generator, start: int, stop: int, unique: bool) -> pa.Array:
    """`user.name[N]@domain`: the row index N makes them distinct when `unique`."""
    size = stop - start
    user = draw(pools.get("username"), rng, size)
    domain = draw(pools.get("email_domain", 200), rng, size)
    if unique:
        user = pc.binary_join_element_wise(user, index_text(start, stop), "")
    return pc.binary_join_element_wise(user, domain, "@")


def phones(pools: ValuePools, rng: np.random.Generator, start: int, stop: int, unique: bool) -> pa.Array:
    """Locale-shaped phone numbers; distinct ones carry a 9-digit row-derived subscriber number."""
    if not unique:
        return draw(pools.get("phone"), rng, stop - start)
    subscriber = pc.utf8_lpad(index_text(start, stop), 9, "0")
    return pc.binary_join_element_wise(
        "+1", pc.utf8_slice_codeunits(subscriber, 0, 3), pc.utf8_slice_codeunits(subscriber, 3, 9), "-"
    )


def pattern_pool(pattern: str, seed: int, size: int, unique_rows: int | None) -> pa.Array:
    """Distinct strings matching `pattern`; when `unique_rows` is given there must be that many."""
    try:
        check_user_pattern(pattern)  # from specs and crawled pages: bounded before rstr expands it
    except UnsafePatternError as exc:
        raise SyntheticRequestError(f"cannot generate values for pattern {pattern[:100]!r}: {exc}") from None
    generator = rstr.Rstr(random.Random(zlib.crc32(f"{seed}:{pattern}".encode())))
    wanted = unique_rows if unique_rows is not None else size
    seen: dict[str, None] = {}
    try:
        for _ in range(wanted * 3):
            seen.setdefault(generator.xeger(pattern), None)
            if len(seen) >= wanted:
                break
    except Exception as exc:  # rstr raises assorted errors on regex features it cannot invert
        raise SyntheticRequestError(f"cannot generate values for pattern {pattern!r}") from exc
    if unique_rows is not None and len(seen) < unique_rows:
        raise SyntheticRequestError(f"pattern {pattern!r} yields fewer than {unique_rows} distinct values")
    return pa.array(list(seen), pa.string())


def choices(attribute: Attribute, rng: np.random.Generator, size: int) -> pa.Array:
    """Enum values, weighted by the attribute's distribution when it has one."""
    values = list(attribute.enum_values or [])
    weights = None
    if isinstance(attribute.distribution, WeightedChoice):
        dist = attribute.distribution.weights
        values = values or list(dist)
        raw = np.array([dist.get(v, 0.0) for v in values], dtype=float)
        weights = raw / raw.sum() if raw.sum() > 0 else None
    return pa.array(values, pa.string()).take(pa.array(rng.choice(len(values), size=size, p=weights)))


def semantic_strings(
    attribute: Attribute, pools: ValuePools, rng: np.random.Generator, start: int, stop: int, unique: bool
) -> pa.Array:
    """Strings for a semantic type (or plain words), with a row-index suffix when they must be distinct."""
    semantic = attribute.semantic_type
    if semantic == "email":
        return emails(pools, rng, start, stop, unique)
    if semantic == "phone":
        return phones(pools, rng, start, stop, unique)
    if semantic is None or not has_pool(semantic):
        semantic = "text" if (attribute.max_length or 0) > 60 else "word"
    values = draw(pools.get(semantic), rng, stop - start)
    if not unique:
        return values
    suffix = pc.binary_join_element_wise("-", index_text(start, stop), "")
    if attribute.max_length:
        room = attribute.max_length - int(pc.max(pc.utf8_length(suffix)).as_py())
        if room < 1:
            raise SyntheticRequestError(f"attribute {attribute.name!r} is too short to hold distinct values")
        values = pc.utf8_slice_codeunits(values, 0, room)
    return pc.binary_join_element_wise(values, suffix, "")
