"""The masking engine's earlier path, kept runnable so benchmarks can report before/after in one run.

Earlier, every keyed hash went through one `KeyedHash.digest` call per distinct value (two
pad-state copies and a join per call) and nothing was remembered across batches.
"""

from __future__ import annotations

import numpy as np

from tdm_agents.masking.context import MaskContext
from tdm_agents.masking.keyed_hash import KeyedHash
from tdm_agents.masking.keys import MaskingKeyring


class PerCallKeyedHash(KeyedHash):
    """The earlier digest loop: one `digest` call per message."""

    def digest_many(self, messages: list[bytes]) -> np.ndarray:
        """HMACs of many messages, one `digest` call each."""
        if not messages:
            return np.zeros((0, 32), dtype=np.uint8)
        joined = b"".join(map(self.digest, messages))
        return np.frombuffer(joined, dtype=np.uint8).reshape(-1, 32)


class BaselineContext(MaskContext):
    """A context that masks the earlier way: per-call HMAC loop, no outputs remembered across batches."""

    def keyed_hash(self, purpose: str) -> KeyedHash:
        """The HMAC for one purpose, computed with the per-call loop."""
        if purpose not in self._hashes:
            self._hashes[purpose] = PerCallKeyedHash(self.subkey(f"hmac:{purpose}"))
        return self._hashes[purpose]


def masking_context(keyring: MaskingKeyring, baseline: bool, **fields: object) -> MaskContext:
    """The current engine's context, or (baseline) the earlier path's, over the same keys."""
    if baseline:
        return BaselineContext(keyring=keyring, distinct_memo_bytes=0, **fields)
    return MaskContext(keyring=keyring, **fields)
