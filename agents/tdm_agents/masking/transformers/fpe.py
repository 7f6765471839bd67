"""Format-preserving encryption rules: digits (phones, SSNs, accounts), alphanumerics, card numbers.

Only the characters of the cipher's alphabet change; separators, spaces and other characters
stay where they were. Each value is encrypted as the string of its alphabet characters, so the
map is a bijection on values of one shape (unique in, unique out).
"""

from __future__ import annotations

from typing import ClassVar, Literal

import numpy as np
import pyarrow as pa
from pydantic import BaseModel, Field

from tdm_agents.masking.arrow_text import TextBuffer, positions_by_count
from tdm_agents.masking.context import MaskContext
from tdm_agents.masking.fpe.digits import DigitCipher
from tdm_agents.masking.fpe.luhn import fix_luhn_digit
from tdm_agents.masking.transformers.base import ColumnScope, Guarantees, RuleOptions, Transformer, as_text

_ALPHABETS = {
    "alnum": b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "lower_alnum": b"0123456789abcdefghijklmnopqrstuvwxyz",
    "upper_alnum": b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "digits": b"0123456789",
}


def _lookup(alphabet: bytes) -> np.ndarray:
    table = np.full(256, 255, dtype=np.uint8)
    table[np.frombuffer(alphabet, dtype=np.uint8)] = np.arange(len(alphabet), dtype=np.uint8)
    return table


def _cipher(ctx: MaskContext, purpose: str, radix: int) -> DigitCipher:
    def build() -> DigitCipher:
        return DigitCipher(ctx.subkey(f"ff3:{purpose}"), ctx.subkey(f"ff3-tweak:{purpose}", 7), radix)

    return ctx.cached(("ff3", ctx.key_id, purpose, radix), build)


def encrypt_alphabet_chars(
    values: pa.Array, alphabet: bytes, cipher: DigitCipher, decrypt: bool = False
) -> pa.Array:
    """Encrypt the characters of `alphabet` inside each value, in place; other bytes stay."""
    buffer = TextBuffer.from_array(as_text(values))
    table = _lookup(alphabet)
    symbols = np.frombuffer(alphabet, dtype=np.uint8)
    selected = table[buffer.data] != 255
    for _count, (_rows, positions) in positions_by_count(buffer, selected).items():
        digits = table[buffer.data[positions]]
        mapped = cipher.decrypt(digits) if decrypt else cipher.encrypt(digits)
        buffer.data[positions] = symbols[mapped]
    return buffer.to_array()


class _FpeTransformer(Transformer):
    """What the FF3-1 rules share: text in, a bijection on values of one shape, reversible with the key."""

    categories: ClassVar[frozenset[str]] = frozenset({"string", "other"})
    remembers_outputs: ClassVar[bool] = True
    guarantees: ClassVar[Guarantees] = Guarantees(
        deterministic=True,
        format_preserving=True,
        unique_preserving=True,
        reversible=True,
        leak_check="same_row",
    )


class FpeDigitsOptions(RuleOptions):
    tweak_label: str = Field(
        "", max_length=64, description="Separates otherwise equal rules (e.g. 'phone' vs 'ssn')"
    )


class FpeDigitsTransformer(_FpeTransformer):
    name: ClassVar[str] = "mask.fpe_digits"
    description: ClassVar[str] = (
        "FF3-1 over the digits of any digit string; separators and other characters stay in place."
    )
    options_model: ClassVar[type[BaseModel]] = FpeDigitsOptions

    def transform(
        self, values: pa.Array, options: BaseModel, scope: ColumnScope, ctx: MaskContext
    ) -> pa.Array:
        assert isinstance(options, FpeDigitsOptions)
        cipher = _cipher(ctx, f"{self.name}:{options.tweak_label}", 10)
        return encrypt_alphabet_chars(values, _ALPHABETS["digits"], cipher)


class FpeAlnumOptions(RuleOptions):
    charset: Literal["alnum", "lower_alnum", "upper_alnum"] = Field(
        "alnum",
        description="Which characters are encrypted: all of [0-9a-zA-Z] (radix 62), or digits plus one case (radix 36)",
    )
    tweak_label: str = Field("", max_length=64, description="Separates otherwise equal rules")


class FpeAlnumTransformer(_FpeTransformer):
    name: ClassVar[str] = "mask.fpe_alnum"
    description: ClassVar[str] = (
        "FF3-1 over the alphanumeric characters of a value (radix 62 or 36); others stay in place."
    )
    options_model: ClassVar[type[BaseModel]] = FpeAlnumOptions

    def transform(
        self, values: pa.Array, options: BaseModel, scope: ColumnScope, ctx: MaskContext
    ) -> pa.Array:
        assert isinstance(options, FpeAlnumOptions)
        alphabet = _ALPHABETS[options.charset]
        cipher = _cipher(ctx, f"{self.name}:{options.charset}:{options.tweak_label}", len(alphabet))
        return encrypt_alphabet_chars(values, alphabet, cipher)


class FpePanOptions(RuleOptions):
    keep_bin: bool = Field(True, description="Keep the first 6 digits (the issuer identification number)")
    keep_last4: bool = Field(False, description="Keep the last 4 digits")
    luhn: bool = Field(True, description="Make the output pass the Luhn check")


class FpePanTransformer(_FpeTransformer):
    name: ClassVar[str] = "mask.fpe_pan"
    description: ClassVar[str] = (
        "FF3-1 over card numbers: same length and separators, optional BIN and last-4 kept, Luhn-valid output."
    )
    options_model: ClassVar[type[BaseModel]] = FpePanOptions

    def transform(
        self, values: pa.Array, options: BaseModel, scope: ColumnScope, ctx: MaskContext
    ) -> pa.Array:
        assert isinstance(options, FpePanOptions)
        cipher = _cipher(ctx, self.name, 10)
        buffer = TextBuffer.from_array(as_text(values))
        selected = (buffer.data >= ord("0")) & (buffer.data <= ord("9"))
        for count, (_rows, positions) in positions_by_count(buffer, selected).items():
            digits = buffer.data[positions] - ord("0")
            buffer.data[positions] = mask_pan_digits(digits, count, options, cipher) + ord("0")
        return buffer.to_array()


def mask_pan_digits(
    digits: np.ndarray, count: int, options: FpePanOptions, cipher: DigitCipher
) -> np.ndarray:
    """Encrypt the free digits of (rows, count) card numbers and re-establish the Luhn check.

    With Luhn on, one digit is not encrypted but computed: the check digit, or (when the last four
    are kept) the digit just before them. Valid inputs with a fixed BIN/last four are in one-to-one
    correspondence with their encrypted digits, so the map stays a bijection on valid numbers.
    """
    start = 6 if options.keep_bin and count > 6 else 0
    stop = count - 4 if options.keep_last4 and count - 4 > start else count
    fix_at = (stop - 1) if options.luhn and stop - 1 > start else None
    encrypt_stop = fix_at if fix_at is not None else stop
    out = digits.copy()
    if encrypt_stop > start:
        out[:, start:encrypt_stop] = cipher.encrypt(np.ascontiguousarray(digits[:, start:encrypt_stop]))
    if fix_at is not None:
        out = fix_luhn_digit(out, fix_at)
    return out
