"""Encrypt digit matrices of any length with one key: FF3-1 where the length allows it.

Shorter rows go through the small-domain permutation; longer rows are cut into near-equal
chunks, each under its own tweak, which keeps the whole map a bijection.
"""

from __future__ import annotations

import hashlib

import numpy as np

from tdm_agents.masking.fpe.ff3_1 import FF3_1, TWEAK_BYTES, max_length, min_length
from tdm_agents.masking.fpe.small_domain import permute_digits


class DigitCipher:
    """A length-agnostic format-preserving cipher over digit values of one radix."""

    def __init__(self, key: bytes, tweak: bytes, radix: int) -> None:
        self.radix = radix
        self._key = key
        self._tweak = tweak
        self._min = min_length(radix)
        self._max = max_length(radix)
        self._chunk_ciphers: dict[int, FF3_1] = {}
        self._small_key = hashlib.sha256(b"small-domain" + key + tweak).digest()[:16]

    def _cipher(self, chunk: int) -> FF3_1:
        if chunk not in self._chunk_ciphers:
            tweak = (
                self._tweak
                if chunk == 0
                else bytes(b ^ (chunk if i == 6 else 0) for i, b in enumerate(self._tweak))
            )
            self._chunk_ciphers[chunk] = FF3_1(self._key, tweak[:TWEAK_BYTES], self.radix)
        return self._chunk_ciphers[chunk]

    def encrypt(self, digits: np.ndarray) -> np.ndarray:
        """Encrypt a (rows, n) digit matrix; same shape, bijective for every n."""
        return self._apply(digits, decrypt=False)

    def decrypt(self, digits: np.ndarray) -> np.ndarray:
        """Invert `encrypt`."""
        return self._apply(digits, decrypt=True)

    def _apply(self, digits: np.ndarray, decrypt: bool) -> np.ndarray:
        n = digits.shape[1]
        if n == 0 or digits.shape[0] == 0:
            return digits.copy()
        if n < self._min:
            return permute_digits(self._small_key, self.radix, digits, decrypt=decrypt)
        if n <= self._max:
            cipher = self._cipher(0)
            return cipher.decrypt(digits) if decrypt else cipher.encrypt(digits)
        chunks = -(-n // self._max)
        bounds = np.linspace(0, n, chunks + 1).round().astype(int)
        out = np.empty_like(digits)
        for index, (start, stop) in enumerate(zip(bounds[:-1], bounds[1:], strict=True)):
            cipher = self._cipher(index)
            part = digits[:, start:stop]
            out[:, start:stop] = cipher.decrypt(part) if decrypt else cipher.encrypt(part)
        return out
