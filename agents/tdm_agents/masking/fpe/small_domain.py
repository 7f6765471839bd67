"""A keyed permutation for domains too small for FF3-1 (fewer than one million values).

FF3-1 refuses such lengths because no cipher is strong on a tiny domain. Format-preserving
masking still needs a bijection there (a 4-digit PIN-like field, the free digits left in a PAN
when both BIN and last four are kept), so the whole domain is permuted by sorting its indices on
their AES encryption under a derived key: deterministic, library-version independent, and
computed once per (key, radix, length).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


@lru_cache(maxsize=64)
def domain_permutation(key: bytes, radix: int, length: int) -> tuple[np.ndarray, np.ndarray]:
    """(forward, inverse) index tables of a keyed permutation of range(radix**length)."""
    size = radix**length
    if size > 2_000_000:
        raise ValueError("small-domain permutation is only for domains below two million values")
    indices = np.arange(size, dtype="<u8")
    blocks = np.zeros((size, 2), dtype="<u8")
    blocks[:, 0] = indices
    blocks[:, 1] = (radix << 8) | length
    encryptor = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    sort_keys = np.frombuffer(encryptor.update(blocks.tobytes()), dtype="<u8").reshape(-1, 2)
    # The index breaks (astronomically unlikely) ties, so the order is total and deterministic.
    forward = np.lexsort((indices, sort_keys[:, 1], sort_keys[:, 0])).astype(np.int64)
    inverse = np.empty_like(forward)
    inverse[forward] = np.arange(size, dtype=np.int64)
    return forward, inverse


def permute_digits(key: bytes, radix: int, digits: np.ndarray, decrypt: bool = False) -> np.ndarray:
    """Map each row of a (rows, n) digit matrix through the keyed permutation of its domain."""
    rows, n = digits.shape
    if rows == 0 or n == 0:
        return digits.copy()
    weights = np.array([radix**j for j in range(n)], dtype=np.int64)
    values = (digits.astype(np.int64) * weights).sum(axis=1)
    forward, inverse = domain_permutation(key, radix, n)
    mapped = (inverse if decrypt else forward)[values]
    return ((mapped[:, None] // weights[None, :]) % radix).astype(np.uint8)
