"""Byte-level views of Arrow string arrays, so text transforms run in NumPy, not per row."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


@dataclass
class TextBuffer:
    """The bytes and offsets of a string array; row i is data[offsets[i]:offsets[i+1]]."""

    offsets: np.ndarray
    data: np.ndarray
    valid: np.ndarray

    @classmethod
    def from_array(cls, values: pa.Array) -> TextBuffer:
        """Copy out an array's bytes (any string flavour; slices handled)."""
        if isinstance(values, pa.ChunkedArray):
            values = values.combine_chunks()
        values = pc.cast(values, pa.large_string()) if not pa.types.is_large_string(values.type) else values
        buffers = values.buffers()
        offsets = np.frombuffer(buffers[1], dtype=np.int64)[values.offset : values.offset + len(values) + 1]
        data = np.frombuffer(buffers[2], dtype=np.uint8) if buffers[2] is not None else np.zeros(0, np.uint8)
        start, stop = int(offsets[0]), int(offsets[-1])
        valid = values.is_valid().to_numpy(zero_copy_only=False)
        return cls(offsets - start, data[start:stop].copy(), valid)

    @property
    def lengths(self) -> np.ndarray:
        """Byte length of each row."""
        return np.diff(self.offsets)

    def row_of_byte(self) -> np.ndarray:
        """For each byte of `data`, the row it belongs to."""
        return np.repeat(np.arange(len(self.lengths)), self.lengths)

    def to_array(self, kind: pa.DataType = pa.string()) -> pa.Array:
        """Rebuild a string array (NULLs kept) of the requested string type."""
        bitmap = pa.py_buffer(np.packbits(self.valid, bitorder="little"))
        out = pa.LargeStringArray.from_buffers(
            len(self.valid), pa.py_buffer(self.offsets), pa.py_buffer(self.data), bitmap
        )
        return out if kind == pa.large_string() else pc.cast(out, kind)


def fixed_width_strings(chars: np.ndarray, kind: pa.DataType = pa.string()) -> pa.Array:
    """A string array from a (rows, width) uint8 matrix of ASCII bytes, without per-row Python."""
    rows, width = chars.shape
    offsets = np.arange(rows + 1, dtype=np.int64) * width
    buffer = TextBuffer(offsets, np.ascontiguousarray(chars).ravel(), np.ones(rows, dtype=bool))
    return buffer.to_array(kind)


_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)


def hex_chars(raw: np.ndarray) -> np.ndarray:
    """Lower-case hex of a (rows, n) byte matrix as a (rows, 2n) ASCII matrix."""
    out = np.empty((raw.shape[0], raw.shape[1] * 2), dtype=np.uint8)
    out[:, 0::2] = _HEX[raw >> 4]
    out[:, 1::2] = _HEX[raw & 0x0F]
    return out


def positions_by_count(buffer: TextBuffer, selected: np.ndarray) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """Group rows by how many selected bytes they hold: count -> (rows, (rows, count) byte positions)."""
    byte_rows = buffer.row_of_byte()
    chosen = np.flatnonzero(selected)
    owners = byte_rows[chosen]
    counts = np.bincount(owners, minlength=len(buffer.lengths))
    groups: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    order = np.argsort(counts[owners], kind="stable")
    sorted_positions, sorted_owners = chosen[order], owners[order]
    sorted_counts = counts[sorted_owners]
    for count in np.unique(sorted_counts):
        if count == 0:
            continue
        in_group = sorted_counts == count
        positions = sorted_positions[in_group].reshape(-1, int(count))
        rows = sorted_owners[in_group][:: int(count)]
        groups[int(count)] = (rows, positions)
    return groups
