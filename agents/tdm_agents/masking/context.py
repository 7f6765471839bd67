"""What a masking run carries besides the data: keys, the token vault, and per-run caches."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tdm_agents.masking.keyed_hash import KeyedHash
from tdm_agents.masking.keys import MaskingKey, MaskingKeyring

if TYPE_CHECKING:
    from tdm_agents.masking.transformers.tokenize import TokenSink


@dataclass
class MaskContext:
    """Keys and services for one masking run; build it once per job and share it across tables."""

    keyring: MaskingKeyring
    token_sink: TokenSink | None = None
    fake_pool_size: int = 4096
    # Memory per rule for masked outputs remembered across batches (0 turns the memo off).
    distinct_memo_bytes: int = 128 * 2**20
    _hashes: dict[str, KeyedHash] = field(default_factory=dict, repr=False)
    _cache: dict[tuple, object] = field(default_factory=dict, repr=False)

    @property
    def key(self) -> MaskingKey:
        """The active key (its id is what lineage records)."""
        return self.keyring.active

    @property
    def key_id(self) -> str:
        """Id of the active key; safe to log and persist."""
        return self.keyring.active_key_id

    def subkey(self, purpose: str, length: int = 32) -> bytes:
        """A subkey of the active key for one purpose."""
        return self.key.subkey(purpose, length)

    def keyed_hash(self, purpose: str) -> KeyedHash:
        """The HMAC for one purpose (cached for the run)."""
        if purpose not in self._hashes:
            self._hashes[purpose] = KeyedHash(self.subkey(f"hmac:{purpose}"))
        return self._hashes[purpose]

    def cached(self, cache_key: tuple, build):  # noqa: ANN001, ANN201 - generic memo
        """Build an expensive per-run object (fake pools, ciphers) once."""
        if cache_key not in self._cache:
            self._cache[cache_key] = build()
        return self._cache[cache_key]
