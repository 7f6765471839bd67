"""Masked outputs remembered across batches, so a value that recurs is transformed once per run.

Per-distinct rules already run once per distinct value of a batch. Values also recur across
batches and tables (an email in every order batch, an FK column repeating its parent's keys);
for rules whose output is a pure function of the value and the run's key, the memo keeps each
distinct input next to its output and only the values it has not seen reach the transformer.

The lookup is Arrow's set lookup (`index_in`) of the batch in the remembered inputs; only the
rows it misses are dictionary-encoded, and their distinct values are transformed and appended.
Arrow rebuilds the set's hash table on every call, so a lookup costs a hash insert per
remembered entry: the memo trims itself to what the last batch used when it stops paying for
itself, and switches itself off for a rule whose batches share almost nothing (a unique column).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# Below this share of a batch's distinct values found in the memo, the rule stops using it.
_MIN_HIT_SHARE = 0.05
# A remembered entry costs about a quarter of a keyed-hash transform to look up again; entries
# beyond four per hit cost more than they save, so the memo keeps only what the batch used.
_ENTRIES_PER_HIT = 4


@dataclass
class DistinctMemo:
    """Distinct input values of one rule and their masked outputs, in the same order."""

    capacity_bytes: int
    inputs: pa.Array | None = None
    outputs: pa.Array | None = None
    enabled: bool = True

    @property
    def size(self) -> int:
        """Number of remembered values."""
        return 0 if self.inputs is None else len(self.inputs)

    def apply(self, values: pa.Array, transform: Callable[[pa.Array], pa.Array]) -> pa.Array:
        """Mask a plain (not dictionary) array; `transform` runs on the values not seen before."""
        if not self.enabled:
            return transform_distinct(values, transform)
        known = self.size
        if known == 0:
            encoded = values.dictionary_encode()
            dictionary, indices = encoded.dictionary, encoded.indices
            outputs = transform(dictionary)
        else:
            dictionary, outputs, indices = self._look_up(values, transform)
        self._remember(dictionary, outputs, indices, known)
        return outputs.take(indices)

    def _look_up(
        self, values: pa.Array, transform: Callable[[pa.Array], pa.Array]
    ) -> tuple[pa.Array, pa.Array, pa.Array]:
        """(remembered + new inputs, their outputs, each row's slot); NULL rows get a NULL slot."""
        known = self.size
        slots = pc.index_in(values, value_set=self.inputs)
        missed = slots.is_null()
        if not pc.any(missed).as_py():
            return self.inputs, self.outputs, slots
        encoded = values.filter(missed).dictionary_encode()
        fresh = encoded.dictionary
        new_slots = pc.add(encoded.indices, pa.scalar(known, encoded.indices.type))
        slots = pc.replace_with_mask(slots, missed, new_slots.cast(slots.type))
        dictionary = pa.concat_arrays([self.inputs, fresh])
        return dictionary, pa.concat_arrays([self.outputs, transform(fresh)]), slots

    def clear(self, enabled: bool = True) -> None:
        """Forget every remembered value (and optionally stop remembering for this rule)."""
        self.inputs, self.outputs, self.enabled = None, None, enabled

    def _remember(self, dictionary: pa.Array, outputs: pa.Array, indices: pa.Array, known: int) -> None:
        used = _used_slots(indices, len(dictionary))
        hits = int(np.count_nonzero(used[:known]))
        distinct = int(np.count_nonzero(used))
        if known and hits < _MIN_HIT_SHARE * distinct:
            self.clear(enabled=False)
            return
        if hits * _ENTRIES_PER_HIT < known or _nbytes(dictionary, outputs) > self.capacity_bytes:
            # Keep the entries this batch used: the most recently useful ones.
            keep = pa.array(np.flatnonzero(used))
            dictionary, outputs = dictionary.take(keep), outputs.take(keep)
        if _nbytes(dictionary, outputs) > self.capacity_bytes:
            self.clear()
            return
        self.inputs, self.outputs = dictionary, outputs


def transform_distinct(values: pa.Array, transform: Callable[[pa.Array], pa.Array]) -> pa.Array:
    """Run `transform` once per distinct value of a plain array and spread the outputs to its rows."""
    encoded = values.dictionary_encode()
    return transform(encoded.dictionary).take(encoded.indices)


def _used_slots(indices: pa.Array, slots: int) -> np.ndarray:
    used = np.zeros(slots, dtype=bool)
    present = indices.drop_null().to_numpy(zero_copy_only=False)
    used[present] = True
    return used


def _nbytes(inputs: pa.Array, outputs: pa.Array) -> int:
    return inputs.nbytes + outputs.nbytes
