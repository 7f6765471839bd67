"""Decimal text as PostgreSQL's binary `numeric`, so an unconstrained numeric loads by COPY directly.

The driver hands plain `numeric` over as text: its scale varies per value, which no Arrow decimal
type holds. Sent as text it needed a staging table and a server-side cast, one more pass over the
table. Here each value becomes what numeric's receive function reads:

    int16 ndigits, int16 weight, int16 sign, int16 dscale, ndigits x int16 base-10000 digits

with the digits aligned on the decimal point (digit i is worth 10000^(weight - i)). The server
strips zero digits and applies the column's typmod (rounding, precision check) as a cast does.
Plain decimals of up to 15 digits, what money and measures hold, are encoded with numpy; any
other value (longer, with an exponent, NaN, Infinity, surrounding spaces) one by one, accepting
what PostgreSQL's numeric input accepts and nothing more.
"""

from __future__ import annotations

import re
import struct
from decimal import Decimal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

_POS, _NEG, _NAN, _PINF, _NINF = 0x0000, 0x4000, 0xC000, 0xD000, 0xF000
_SPECIAL = {
    "nan": _NAN,
    "infinity": _PINF,
    "+infinity": _PINF,
    "inf": _PINF,
    "+inf": _PINF,
    "-infinity": _NINF,
    "-inf": _NINF,
}
# numeric_in's grammar for finite values (PostgreSQL 15: no underscores, no hexadecimal, ASCII
# digits and spaces only).
_FINITE = re.compile(r"\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE]([+-]?\d+))?\s*\Z", re.ASCII)
_SPACES = " \t\n\r\v\f"  # what numeric_in skips around a value (C isspace)
_MAX_EXPONENT = 1000  # numeric_in refuses a larger exponent
# Up to 15 digits: times 1000 (aligning the scale on 4 digits) still fits an int64.
_FAST = r"^-?[0-9]+(\.[0-9]+)?$"
_FAST_DIGITS = 15
_FAST_LIMIT = 10**_FAST_DIGITS
_GROUPS = 5  # base-10000 digits of an aligned 18-digit integer (< 10^20)
_POWERS = np.array([10**k for k in range(4)], dtype=np.int64)
_MAX_DSCALE = 0x3FFF


class NumericTextError(ValueError):
    """A value is not a number PostgreSQL's numeric input would accept (the value is not kept)."""


def numeric_binary(array: pa.Array) -> pa.BinaryArray:
    """Each decimal text of `array` (string or large_string) as numeric's binary form; nulls stay null.

    Raises NumericTextError when a value is not a number numeric's input would accept."""
    text = array.cast(pa.string()) if pa.types.is_large_string(array.type) else array
    dot = pc.find_substring(text, ".")
    unscaled, fast = _plain_decimals(text)
    encoded = _encode_fast(text, unscaled, fast, dot)
    rest = pc.and_(pc.is_valid(text), pc.invert(pa.array(fast)))
    if pc.any(rest).as_py():
        indices = pc.indices_nonzero(rest)
        slow = pa.array([_encode_one(v) for v in pc.take(text, indices).to_pylist()], pa.binary())
        encoded = pc.replace_with_mask(encoded, rest, slow)
    return encoded


def _plain_decimals(text: pa.StringArray) -> tuple[np.ndarray, np.ndarray]:
    """The unscaled value of each row (its digits without the point) and which rows hold a plain
    decimal of up to 15 digits, the ones `_encode_fast` takes.

    Usually every value is one: the point is dropped and the whole column cast to int64 at once.
    When a value is more than a minus and digits (an exponent, NaN, a hexadecimal number that the
    cast would read but numeric input refuses) or the cast fails (more digits), the plain ones are
    picked out by pattern."""
    unscaled: pa.Array | None = None
    digits = pc.replace_substring(text, ".", "", max_replacements=1)
    # A character test (a pattern costs four times as much); `all` gives None when every value is null.
    if pc.all(pc.ascii_is_decimal(pc.utf8_ltrim(digits, "-"))).as_py() is not False:
        try:
            unscaled = pc.cast(digits, pa.int64())
        except pa.ArrowInvalid:
            unscaled = None
    if unscaled is None:
        plain = pc.fill_null(pc.match_substring_regex(text, _FAST), False)
        digits = pc.subtract(pc.binary_length(text), pc.if_else(pc.starts_with(text, "-"), 1, 0))
        digits = pc.subtract(digits, pc.if_else(pc.greater_equal(pc.find_substring(text, "."), 0), 1, 0))
        plain = pc.and_(plain, pc.fill_null(pc.less_equal(digits, _FAST_DIGITS), False))
        values = np.zeros(len(text), dtype=np.int64)
        mask = plain.to_numpy(zero_copy_only=False)
        if mask.any():
            picked = pc.replace_substring(pc.filter(text, plain), ".", "", max_replacements=1)
            values[mask] = pc.cast(picked, pa.int64()).to_numpy()
        return values, mask
    values = pc.fill_null(unscaled, 0).to_numpy(zero_copy_only=False)
    mask = pc.is_valid(unscaled).to_numpy(zero_copy_only=False) & (np.abs(values) < _FAST_LIMIT)
    return values, mask


def _encode_fast(text: pa.Array, unscaled: np.ndarray, fast: np.ndarray, dot: pa.Array) -> pa.BinaryArray:
    """Fixed 18-byte values (5 digits) for the rows `fast` marks; other rows are null placeholders."""
    count = len(text)
    unscaled = np.where(fast, unscaled, 0)
    lengths = pc.fill_null(pc.binary_length(text), 0).to_numpy(zero_copy_only=False).astype(np.int64)
    at = pc.fill_null(dot, -1).to_numpy(zero_copy_only=False)
    scale = np.where(fast & (at >= 0), lengths - at - 1, 0).astype(np.int64)
    negative = unscaled < 0
    pad = (-scale) % 4
    aligned = np.abs(unscaled) * _POWERS[pad]
    fraction_groups = (scale + pad) // 4
    words = np.empty((count, 4 + _GROUPS), dtype=">i2")
    words[:, 0] = _GROUPS
    words[:, 1] = _GROUPS - 1 - fraction_groups
    words[:, 2] = np.where(negative, _NEG, _POS).astype(np.uint16).view(np.int16)
    words[:, 3] = scale
    # Two base-10000 digits per 10^8 slice; slices below 10^8 divide faster as int32.
    high, low = np.divmod(aligned, 10**8)
    top, middle = np.divmod(high, 10**8)
    words[:, 4] = top
    words[:, 5], words[:, 6] = np.divmod(middle.astype(np.int32), 10000)
    words[:, 7], words[:, 8] = np.divmod(low.astype(np.int32), 10000)
    width = 2 * (4 + _GROUPS)
    fixed = pa.FixedSizeBinaryArray.from_buffers(
        pa.binary(width), count, [_validity(fast), pa.py_buffer(words.tobytes())]
    )
    return pc.cast(fixed, pa.binary())


def _validity(fast: np.ndarray) -> pa.Buffer | None:
    """A validity bitmap set where `fast` is true (an all-true mask needs none)."""
    if fast.all():
        return None
    return pa.array(fast, pa.bool_()).buffers()[1]


def _encode_one(value: str) -> bytes:
    """One value the vectorized path left: special values, long or exponent forms, spaces."""
    special = _SPECIAL.get(value.strip(_SPACES).lower())
    if special is not None:
        return struct.pack(">hhHH", 0, 0, special, 0)
    match = _FINITE.match(value)
    if match is None or (match.group(1) is not None and abs(int(match.group(1))) > _MAX_EXPONENT):
        raise NumericTextError("not a number numeric's input accepts")
    sign, coefficient, exponent = Decimal(value.strip(_SPACES)).as_tuple()
    assert isinstance(exponent, int)
    scale = max(-exponent, 0)
    pad = (-scale) % 4
    # The unscaled value's digits, aligned so that the decimal point falls between base-10000 digits.
    aligned = "".join(map(str, coefficient)) + "0" * (max(exponent, 0) + pad)
    aligned = aligned.zfill(-(-len(aligned) // 4) * 4)
    groups = [int(aligned[i : i + 4]) for i in range(0, len(aligned), 4)]
    weight = len(groups) - 1 - (scale + pad) // 4
    if scale > _MAX_DSCALE or not -(2**15) <= weight < 2**15:
        raise NumericTextError("outside numeric's range")
    head = struct.pack(">hhHH", len(groups), weight, _NEG if sign else _POS, scale)
    return head + struct.pack(f">{len(groups)}H", *groups)
