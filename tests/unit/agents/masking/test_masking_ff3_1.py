"""The vectorized FF3-1 matches the reference `ff3` package bit for bit and round-trips."""

from __future__ import annotations

import hashlib
import json
import sys
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pytest
from ff3 import FF3Cipher

from tdm_agents.masking.fpe.digits import DigitCipher
from tdm_agents.masking.fpe.ff3_1 import FF3_1

BASE62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_BASE62_BYTES = np.frombuffer(BASE62.encode(), dtype=np.uint8)

# The reference's ciphertexts for the 100k inputs, as SHA-256 digests (see `_reference_digests`):
# the pure-Python reference takes tens of seconds for them, and its answer for fixed inputs is fixed.
REFERENCE_100K = Path(__file__).with_name("ff3_1_reference_100k.json")
SHARES_100K = ((10, 50_000), (36, 25_000), (62, 25_000))


def _text(rows: np.ndarray) -> list[str]:
    return ["".join(BASE62[d] for d in row) for row in rows]


def _inputs(radix: int, total: int, seed: int) -> tuple[bytes, bytes, list[np.ndarray]]:
    rng = np.random.default_rng(seed)
    key, tweak = rng.bytes(32), rng.bytes(7)
    cipher = FF3_1(key, tweak, radix)
    lengths = rng.integers(cipher.min_len, cipher.max_len + 1, size=total)
    groups = [
        rng.integers(0, radix, size=(int((lengths == n).sum()), int(n)), dtype=np.uint8)
        for n in np.unique(lengths)
    ]
    return key, tweak, groups


def _compare(radix: int, total: int, seed: int) -> None:
    key, tweak, groups = _inputs(radix, total, seed)
    mine = FF3_1(key, tweak, radix)
    reference = FF3Cipher(key.hex(), tweak.hex(), radix)
    for digits in groups:
        encrypted = mine.encrypt(digits)
        assert _text(encrypted) == [reference.encrypt(t) for t in _text(digits)]
        assert np.array_equal(mine.decrypt(encrypted), digits)


def _digest(key: bytes, tweak: bytes, radix: int, groups: list[np.ndarray]) -> str:
    """One SHA-256 over the key, tweak, radix and every row's text (in order, newline-ended)."""
    h = hashlib.sha256(key + tweak + bytes([radix]))
    for rows in groups:
        text = np.full((rows.shape[0], rows.shape[1] + 1), ord("\n"), dtype=np.uint8)
        text[:, :-1] = _BASE62_BYTES[rows]
        h.update(text.tobytes())
    return h.hexdigest()


def _reference_digests() -> dict[str, object]:
    """The digests of the 100k inputs and of the reference package's ciphertexts for them."""
    cases = {}
    for radix, share in SHARES_100K:
        key, tweak, groups = _inputs(radix, share, seed=7 + radix)
        reference = FF3Cipher(key.hex(), tweak.hex(), radix)
        h = hashlib.sha256(key + tweak + bytes([radix]))
        for digits in groups:
            h.update("".join(reference.encrypt(t) + "\n" for t in _text(digits)).encode())
        cases[str(radix)] = {"inputs": _digest(key, tweak, radix, groups), "ciphertexts": h.hexdigest()}
    return {"ff3": version("ff3"), "cases": cases}


@pytest.mark.parametrize("radix", [10, 36, 62])
def test_matches_reference_on_mixed_lengths(radix: int) -> None:
    _compare(radix, total=3000, seed=radix)


def test_matches_reference_on_100k_inputs() -> None:
    known = json.loads(REFERENCE_100K.read_text())
    for radix, share in SHARES_100K:
        seed = 7 + radix
        case = known["cases"][str(radix)]
        key, tweak, groups = _inputs(radix, share, seed)
        if known["ff3"] != version("ff3") or _digest(key, tweak, radix, groups) != case["inputs"]:
            # Other inputs (another numpy's streams) or another reference: ask the reference itself.
            _compare(radix, total=share, seed=seed)
            continue
        mine = FF3_1(key, tweak, radix)
        encrypted = [mine.encrypt(digits) for digits in groups]
        if _digest(key, tweak, radix, encrypted) != case["ciphertexts"]:
            _compare(radix, total=share, seed=seed)  # names the first input that differs
            pytest.fail(f"the reference agrees with FF3_1 for radix {radix}: {REFERENCE_100K.name} is stale")
        for digits, ciphertext in zip(groups, encrypted, strict=True):
            assert np.array_equal(mine.decrypt(ciphertext), digits)


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


if __name__ == "__main__":
    # Rewrites the reference digests from the reference package alone:
    # python -m tests.unit.agents.masking.test_masking_ff3_1
    REFERENCE_100K.write_text(json.dumps(_reference_digests(), indent=2) + "\n")
    sys.exit(0)
