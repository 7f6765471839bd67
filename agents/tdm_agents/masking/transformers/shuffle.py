"""mask.shuffle: permute a column's values among its rows (NULLs stay where they are).

The permutation needs the whole column, so the engine hands this rule the full column instead
of one batch; the memory cost is that column (not the table). The order comes from AES under a
subkey bound to the table and column, so a rerun on the same data gives the same permutation.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pyarrow as pa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from pydantic import BaseModel

from tdm_agents.masking.context import MaskContext
from tdm_agents.masking.transformers.base import (
    NUMERIC,
    STRING_LIKE,
    TEMPORAL,
    ColumnScope,
    Guarantees,
    Transformer,
)


def keyed_permutation(key: bytes, size: int) -> np.ndarray:
    """A permutation of range(size): indices sorted by their AES encryption under `key`."""
    blocks = np.zeros((size, 2), dtype="<u8")
    blocks[:, 0] = np.arange(size, dtype="<u8")
    encrypted = Cipher(algorithms.AES(key), modes.ECB()).encryptor().update(blocks.tobytes())
    keys = np.frombuffer(encrypted, dtype="<u8").reshape(-1, 2)
    return np.lexsort((keys[:, 1], keys[:, 0]))


class ShuffleTransformer(Transformer):
    name: ClassVar[str] = "mask.shuffle"
    description: ClassVar[str] = (
        "Permute the column's values across rows (keeps the distribution, breaks the link to the row)."
    )
    categories: ClassVar[frozenset[str]] = frozenset(STRING_LIKE | NUMERIC | TEMPORAL | {"boolean"})
    guarantees: ClassVar[Guarantees] = Guarantees(
        deterministic=False,
        format_preserving=True,
        unique_preserving=True,
        reversible=False,
        leak_check="none",
    )
    needs_whole_column: ClassVar[bool] = True

    row_wise: ClassVar[bool] = True

    def transform(
        self, values: pa.Array, options: BaseModel, scope: ColumnScope, ctx: MaskContext
    ) -> pa.Array:
        if isinstance(values, pa.ChunkedArray):
            values = values.combine_chunks()
        valid = np.flatnonzero(values.is_valid().to_numpy(zero_copy_only=False))
        order = keyed_permutation(ctx.subkey(f"shuffle:{scope.table}.{scope.column}", 16), len(valid))
        index = np.arange(len(values))
        index[valid] = valid[order]
        return values.take(pa.array(index))
