"""HMAC-SHA-256 over many values, fast: the key's inner and outer pads are hashed once.

Every keyed decision of the engine (hash output, fake pool index, date shift, noise, token)
comes from these digests, so the same value under the same key and purpose gives the same
result in every table, job and database.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

_BLOCK = 64


class KeyedHash:
    """HMAC-SHA-256 with one key, computed from precomputed pad states (same result as `hmac`)."""

    def __init__(self, key: bytes) -> None:
        if len(key) > _BLOCK:
            key = hashlib.sha256(key).digest()
        key = key.ljust(_BLOCK, b"\0")
        self._inner = hashlib.sha256(bytes(b ^ 0x36 for b in key))
        self._outer = hashlib.sha256(bytes(b ^ 0x5C for b in key))

    def digest(self, message: bytes) -> bytes:
        """HMAC of one message."""
        inner = self._inner.copy()
        inner.update(message)
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.digest()

    def digest_many(self, messages: list[bytes]) -> np.ndarray:
        """HMACs of many messages as a (rows, 32) uint8 matrix."""
        # The loop body is `digest` inlined, with the bound methods hoisted and the digests
        # appended to one buffer: per-call Python overhead is most of the cost of a short HMAC.
        inner_copy, outer_copy = self._inner.copy, self._outer.copy
        joined = bytearray()
        for message in messages:
            inner = inner_copy()
            inner.update(message)
            outer = outer_copy()
            outer.update(inner.digest())
            joined += outer.digest()
        return np.frombuffer(joined, dtype=np.uint8).reshape(-1, 32)

    def digest_array(self, values: pa.Array) -> np.ndarray:
        """HMACs of an Arrow array's values (canonical text for non-binary types; NULL as empty)."""
        return self.digest_many(canonical_bytes(values))


def canonical_bytes(values: pa.Array) -> list[bytes]:
    """Each value as bytes, the same for equal values of any integer width or string flavour."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    kind = values.type
    if not (pa.types.is_binary(kind) or pa.types.is_large_binary(kind)):
        text = values if _is_text(kind) else pc.cast(values, pa.string())
        values = pc.cast(text, pa.binary())
    filled = pc.fill_null(values, b"")
    return filled.to_pylist()


def _is_text(kind: pa.DataType) -> bool:
    return pa.types.is_string(kind) or pa.types.is_large_string(kind)


def uniform_from_digests(digests: np.ndarray, offset: int = 0) -> np.ndarray:
    """A float in [0, 1) per digest, from 8 of its bytes starting at `offset`."""
    words = np.ascontiguousarray(digests[:, offset : offset + 8]).view("<u8").ravel()
    return (words >> np.uint64(11)).astype(np.float64) / float(1 << 53)


def index_from_digests(digests: np.ndarray, modulus: int, offset: int = 0) -> np.ndarray:
    """An index in range(modulus) per digest (bias below 2**-40 for moduli under 2**24)."""
    words = np.ascontiguousarray(digests[:, offset : offset + 8]).view("<u8").ravel()
    return (words % np.uint64(modulus)).astype(np.int64)
