"""Decimal text encoded as numeric's binary form: exact digits, weights and scales, and refusals."""

from __future__ import annotations

import random
import struct

import pyarrow as pa
import pytest

from tdm_agents.provisioning.numeric_wire import NumericTextError, _encode_one, numeric_binary


def _decode(raw: bytes) -> tuple[int, int, int, list[int]]:
    """(weight, sign, dscale, digits without zero groups at either end) of one binary numeric."""
    count, weight, sign, dscale = struct.unpack(">hhHH", raw[:8])
    digits = list(struct.unpack(f">{count}H", raw[8:]))
    while digits and digits[0] == 0:
        digits, weight = digits[1:], weight - 1
    while digits and digits[-1] == 0:
        digits = digits[:-1]
    return weight, sign, dscale, digits


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.50", (0, 0x0000, 2, [12, 5000])),
        ("-0.5", (-1, 0x4000, 1, [5000])),
        ("123456789.012345", (2, 0x0000, 6, [1, 2345, 6789, 123, 4500])),
        ("0", (0, 0x0000, 0, [])),
        ("00012.3400", (0, 0x0000, 4, [12, 3400])),
        ("1e5", (1, 0x0000, 0, [10])),
        ("1.50E+1", (0, 0x0000, 1, [15])),
        ("-1.5e-3", (-1, 0x4000, 4, [15])),
        (" .5 ", (-1, 0x0000, 1, [5000])),
        ("1234567890123456789.5", (4, 0x0000, 1, [123, 4567, 8901, 2345, 6789, 5000])),
    ],
)
def test_values_keep_their_digits_weight_and_scale(text, expected):
    (raw,) = numeric_binary(pa.array([text])).to_pylist()
    weight, sign, dscale, digits = _decode(raw)
    if not digits:  # zero: the server forces weight 0 and a positive sign
        weight = 0
    assert (weight, sign, dscale, digits) == expected


@pytest.mark.parametrize(
    ("text", "sign"), [("NaN", 0xC000), ("Infinity", 0xD000), ("-Infinity", 0xF000), ("inf", 0xD000)]
)
def test_special_values_have_their_sign_word(text, sign):
    (raw,) = numeric_binary(pa.array([text])).to_pylist()
    assert raw == struct.pack(">hhHH", 0, 0, sign, 0)


def test_a_column_of_plain_decimals_and_one_with_other_forms_encode_alike():
    plain = ["12.50", "-0.5", ".5", "5.", "0", None, "999999999999999"]
    alone = numeric_binary(pa.array(plain)).to_pylist()
    mixed = numeric_binary(pa.array([*plain, "1e5"])).to_pylist()  # the cast fails: by pattern
    assert [_decode(v) if v else None for v in mixed[:-1]] == [_decode(v) if v else None for v in alone]


def test_nulls_stay_null_between_fast_and_slow_values():
    values = ["1.5", None, "NaN", None, "2"]
    encoded = numeric_binary(pa.array(values, pa.large_string()))
    assert encoded.type == pa.binary() and [v is None for v in encoded.to_pylist()] == [
        v is None for v in values
    ]


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "",
        "1_000",
        "0x1F",
        "-0X1f",
        "1e1001",
        "1.2.3",
        "--1",
        "-",
        ".",
        "\u0663",
        "\uff11\uff12",
        "\u00a05",
    ],
)
def test_what_numeric_input_refuses_is_refused(text):
    with pytest.raises(NumericTextError) as failure:
        numeric_binary(pa.array(["1", text]))
    assert text not in str(failure.value) or not text


def test_every_plain_decimal_up_to_fifteen_digits_encodes_as_the_exact_path_does():
    rng = random.Random(7)
    values = []
    for digits in range(1, 16):
        for scale in range(digits + 1):
            number = str(rng.randrange(10 ** (digits - 1), 10**digits))
            text = f"{number[: digits - scale] or '0'}.{number[digits - scale :]}" if scale else number
            values += [text, "-" + text]
    fast = numeric_binary(pa.array([*values, None])).to_pylist()
    assert fast[-1] is None
    assert [_decode(v) for v in fast[:-1]] == [_decode(_encode_one(v)) for v in values]


def test_a_column_of_nulls_stays_null():
    assert numeric_binary(pa.array([None, None], pa.string())).to_pylist() == [None, None]
