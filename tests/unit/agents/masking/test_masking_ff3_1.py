"""The vectorized FF3-1 matches the reference `ff3` package bit for bit and round-trips."""

from __future__ import annotations

import numpy as np
import pytest
from ff3 import FF3Cipher

from tdm_agents.masking.fpe.digits import DigitCipher
from tdm_agents.masking.fpe.ff3_1 import FF3_1

BASE62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _text(rows: np.ndarray) -> list[str]:
    return ["".join(BASE62[d] for d in row) for row in rows]


def _compare(radix: int, total: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    key, tweak = rng.bytes(32), rng.bytes(7)
    mine = FF3_1(key, tweak, radix)
    reference = FF3Cipher(key.hex(), tweak.hex(), radix)
    lengths = rng.integers(mine.min_len, mine.max_len + 1, size=total)
    for n in np.unique(lengths):
        digits = rng.integers(0, radix, size=(int((lengths == n).sum()), int(n)), dtype=np.uint8)
        encrypted = mine.encrypt(digits)
        assert _text(encrypted) == [reference.encrypt(t) for t in _text(digits)]
        assert np.array_equal(mine.decrypt(encrypted), digits)


@pytest.mark.parametrize("radix", [10, 36, 62])
def test_matches_reference_on_mixed_lengths(radix: int) -> None:
    _compare(radix, total=3000, seed=radix)


def test_matches_reference_on_100k_inputs() -> None:
    for radix, share in ((10, 50_000), (36, 25_000), (62, 25_000)):
        _compare(radix, total=share, seed=7 + radix)


def test_custom_alphabet_matches_reference() -> None:
    key, tweak = bytes(range(16)), bytes(range(7))
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    reference = FF3Cipher.withCustomAlphabet(key.hex(), tweak.hex(), alphabet)
    mine = FF3_1(key, tweak, 36)
    plain = ["HELLO123WORLD", "ZZZZ9999", "ABCD"]
    for text in plain:
        digits = np.array([[alphabet.index(c) for c in text]], dtype=np.uint8)
        assert "".join(alphabet[d] for d in mine.encrypt(digits)[0]) == reference.encrypt(text)


def test_rejects_lengths_outside_the_standard() -> None:
    cipher = FF3_1(bytes(16), bytes(7), 10)
    with pytest.raises(ValueError):
        cipher.encrypt(np.zeros((1, 5), dtype=np.uint8))
    with pytest.raises(ValueError):
        cipher.encrypt(np.zeros((1, 57), dtype=np.uint8))
    with pytest.raises(ValueError):
        FF3_1(bytes(16), bytes(8), 10)


@pytest.mark.parametrize("n", [1, 3, 5, 30, 57, 120])
def test_digit_cipher_is_a_bijection_for_any_length(n: int) -> None:
    cipher = DigitCipher(bytes(range(32)), bytes(7), 10)
    rng = np.random.default_rng(n)
    rows = min(10**n, 2000)
    if n <= 3:
        values = np.arange(10**n)
        digits = ((values[:, None] // 10 ** np.arange(n)) % 10).astype(np.uint8)
    else:
        digits = rng.integers(0, 10, size=(rows, n), dtype=np.uint8)
    encrypted = cipher.encrypt(digits)
    assert np.array_equal(cipher.decrypt(encrypted), digits)
    assert len({row.tobytes() for row in encrypted}) == len({row.tobytes() for row in digits})
