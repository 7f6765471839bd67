"""FF3-1 (NIST SP 800-38G Rev. 1, 56-bit tweak), vectorized over many inputs at once.

Inputs are matrices of digit values (one row per input, all rows of one length). Each Feistel
round makes a single AES-ECB call over every row of the batch; the radix conversions use NumPy
arithmetic on "limbs" (groups of k radix digits whose value fits in 32 bits), so no Python
integer is touched per row. Output is bit-identical to the reference `ff3` package.

Representation used throughout: a half X of length m (positions 0..m-1 of the half string)
stands for NUM_radix(REV(X)) = sum(X[j] * radix**j), stored as L = ceil(m/k) limbs
(limb l = sum over t < k of X[l*k + t] * radix**t). All limbs but the last have modulus
radix**k; the last has radix**(remaining digits).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

ROUNDS = 8
TWEAK_BYTES = 7
DOMAIN_MIN = 1_000_000
_WORD = np.uint64(0xFFFFFFFF)
_SHIFT = np.uint64(32)


def min_length(radix: int) -> int:
    """Shortest input FF3-1 accepts for a radix (radix**n must reach one million)."""
    return math.ceil(math.log(DOMAIN_MIN) / math.log(radix))


def max_length(radix: int) -> int:
    """Longest input FF3-1 accepts for a radix: 2 * floor(96 / log2(radix))."""
    return 2 * math.floor(96 / math.log2(radix))


def _tweak64(tweak56: bytes) -> bytes:
    """Spread the 56-bit FF3-1 tweak into the 64-bit FF3 layout (T_L || T_R)."""
    t = tweak56
    return bytes([t[0], t[1], t[2], t[3] & 0xF0, t[4], t[5], t[6], (t[3] & 0x0F) << 4])


@dataclass(frozen=True)
class _Layout:
    """How a half of `length` digits splits into limbs."""

    length: int
    limbs: int
    moduli: tuple[int, ...]


class FF3_1:  # noqa: N801 - the algorithm's published name
    """One FF3-1 key + tweak + radix; encrypts and decrypts digit matrices of any supported length."""

    def __init__(self, key: bytes, tweak: bytes, radix: int = 10) -> None:
        if len(key) not in (16, 24, 32):
            raise ValueError(f"FF3-1 key must be 16, 24 or 32 bytes, not {len(key)}")
        if len(tweak) != TWEAK_BYTES:
            raise ValueError(f"FF3-1 tweak must be {TWEAK_BYTES} bytes, not {len(tweak)}")
        if not 2 <= radix <= 256:
            raise ValueError("radix must be between 2 and 256")
        self.radix = radix
        self.min_len = min_length(radix)
        self.max_len = max_length(radix)
        # The reference reverses the key bytes before keying AES (REVB(K) in the standard).
        self._aes = Cipher(algorithms.AES(key[::-1]), modes.ECB()).encryptor()
        t64 = _tweak64(tweak)
        self._tweak_left, self._tweak_right = t64[:4], t64[4:]
        self._k = int(math.floor(32 / math.log2(radix)))
        while radix**self._k >= 2**32:
            self._k -= 1
        self._digit_powers = np.array([radix**t for t in range(self._k)], dtype=np.uint64)

    # -- public -------------------------------------------------------------------------

    def encrypt(self, digits: np.ndarray) -> np.ndarray:
        """Encrypt a (rows, n) matrix of digit values (< radix); returns a new matrix of the same shape."""
        return self._run(digits, decrypt=False)

    def decrypt(self, digits: np.ndarray) -> np.ndarray:
        """Invert `encrypt` on a (rows, n) matrix of digit values."""
        return self._run(digits, decrypt=True)

    # -- Feistel --------------------------------------------------------------------------

    def _run(self, digits: np.ndarray, decrypt: bool) -> np.ndarray:
        digits = np.ascontiguousarray(digits, dtype=np.uint8)
        rows, n = digits.shape
        if not self.min_len <= n <= self.max_len:
            raise ValueError(
                f"FF3-1 length must be within {self.min_len}..{self.max_len} for radix {self.radix}"
            )
        if rows == 0:
            return digits.copy()
        if digits.max() >= self.radix:
            raise ValueError("digit value out of range for the radix")
        u = (n + 1) // 2
        lay_u, lay_v = self._layout(u), self._layout(n - u)
        a = self._to_limbs(digits[:, :u], lay_u)
        b = self._to_limbs(digits[:, u:], lay_v)
        if decrypt:
            for i in reversed(range(ROUNDS)):
                lay = lay_u if i % 2 == 0 else lay_v
                y = self._round_function(i, a, lay_v if i % 2 == 0 else lay_u)
                b, a = a, _sub_mod(b, _reduce(y, lay), lay)
        else:
            for i in range(ROUNDS):
                lay = lay_u if i % 2 == 0 else lay_v
                y = self._round_function(i, b, lay_v if i % 2 == 0 else lay_u)
                a, b = b, _add_mod(a, _reduce(y, lay), lay)
        out = np.empty_like(digits)
        out[:, :u] = self._from_limbs(a, lay_u)
        out[:, u:] = self._from_limbs(b, lay_v)
        return out

    def _round_function(self, i: int, half: np.ndarray, layout: _Layout) -> list[np.ndarray]:
        """y = NUM(REV(AES(REV(W xor i || [NUM(REV(half))]^12)))) as four 32-bit words, low first."""
        w = self._tweak_right if i % 2 == 0 else self._tweak_left
        block = np.empty((half.shape[0], 4), dtype="<u4")
        w0, w1, w2 = self._limbs_to_words(half)
        block[:, 0], block[:, 1], block[:, 2] = w0, w1, w2
        # REV(P) puts the 12 value bytes first (little-endian) and W xor i last, reversed.
        block[:, 3] = int.from_bytes(bytes([w[3] ^ i, w[2], w[1], w[0]]), "little")
        s = np.frombuffer(self._aes.update(block.tobytes()), dtype="<u4").reshape(-1, 4)
        return [s[:, j].astype(np.uint64) for j in range(4)]

    # -- radix conversions ------------------------------------------------------------------

    def _layout(self, length: int) -> _Layout:
        limbs = -(-length // self._k)
        last = length - (limbs - 1) * self._k
        moduli = tuple([self.radix**self._k] * (limbs - 1) + [self.radix**last])
        return _Layout(length, limbs, moduli)

    def _to_limbs(self, half: np.ndarray, layout: _Layout) -> np.ndarray:
        padded = np.zeros((half.shape[0], layout.limbs * self._k), dtype=np.uint64)
        padded[:, : layout.length] = half
        return (padded.reshape(half.shape[0], layout.limbs, self._k) * self._digit_powers).sum(axis=2)

    def _from_limbs(self, limbs: np.ndarray, layout: _Layout) -> np.ndarray:
        radix = np.uint64(self.radix)
        digits = (limbs[:, :, None] // self._digit_powers[None, None, :]) % radix
        return digits.reshape(limbs.shape[0], -1)[:, : layout.length].astype(np.uint8)

    def _limbs_to_words(self, limbs: np.ndarray) -> list[np.ndarray]:
        """Horner's rule in base radix**k over three 32-bit words (the value is below 2**96)."""
        base = np.uint64(self.radix**self._k)
        words = [np.zeros(limbs.shape[0], dtype=np.uint64) for _ in range(3)]
        for l_index in reversed(range(limbs.shape[1])):
            carry = limbs[:, l_index].copy()
            for j in range(3):
                product = words[j] * base + carry
                words[j] = product & _WORD
                carry = product >> _SHIFT
        return words


def _reduce(y_words: list[np.ndarray], layout: _Layout) -> np.ndarray:
    """y mod radix**m as limbs: repeated short division of the 128-bit y by each limb modulus."""
    words = [w.copy() for w in y_words]
    out = np.empty((words[0].shape[0], layout.limbs), dtype=np.uint64)
    for l_index, modulus in enumerate(layout.moduli):
        d = np.uint64(modulus)
        remainder = np.zeros_like(words[0])
        for j in reversed(range(4)):
            current = (remainder << _SHIFT) | words[j]
            words[j] = current // d
            remainder = current % d
        out[:, l_index] = remainder
    return out


def _add_mod(a: np.ndarray, y: np.ndarray, layout: _Layout) -> np.ndarray:
    out = np.empty_like(a)
    carry = np.zeros(a.shape[0], dtype=np.uint64)
    for l_index, modulus in enumerate(layout.moduli):
        total = a[:, l_index] + y[:, l_index] + carry
        d = np.uint64(modulus)
        carry = (total >= d).astype(np.uint64)
        out[:, l_index] = total - carry * d
    return out


def _sub_mod(b: np.ndarray, y: np.ndarray, layout: _Layout) -> np.ndarray:
    out = np.empty_like(b)
    borrow = np.zeros(b.shape[0], dtype=np.int64)
    for l_index, modulus in enumerate(layout.moduli):
        diff = b[:, l_index].astype(np.int64) - y[:, l_index].astype(np.int64) - borrow
        borrow = (diff < 0).astype(np.int64)
        out[:, l_index] = (diff + borrow * modulus).astype(np.uint64)
    return out
