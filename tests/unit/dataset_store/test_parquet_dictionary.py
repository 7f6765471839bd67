"""Which columns the Parquet writer dictionary-encodes (those with few distinct values) and which
get min/max statistics."""

from __future__ import annotations

import io

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from tdm_dataset_store.parquet_io import (
    DICTIONARY_SAMPLE_ROWS,
    HashingWriter,
    dictionary_columns,
    write_batches,
)


class _Buffer:
    def __init__(self) -> None:
        self.data = io.BytesIO()

    def write(self, data) -> int:
        return self.data.write(data)

    def commit(self) -> None: ...

    def abort(self) -> None: ...


def _batch() -> pa.RecordBatch:
    rows = 1000
    return pa.record_batch(
        {
            "id": pa.array(range(rows)),
            "status": pa.array(["open", "closed"] * (rows // 2)),
            "comment": pa.array([f"note {i}" for i in range(rows)]),
            "tags": pa.array([["a"]] * rows),
            "nothing": pa.nulls(rows),
        }
    )


def test_low_cardinality_flat_columns_get_a_dictionary():
    assert dictionary_columns(_batch()) == ["status"]


def test_the_choice_is_made_on_the_first_rows_alone():
    """Counting distinct values over a whole first batch costs more than the choice is worth."""
    rows = DICTIONARY_SAMPLE_ROWS * 3
    codes = [f"code {i % 3}" for i in range(DICTIONARY_SAMPLE_ROWS)]
    later = [f"unique {i}" for i in range(rows - DICTIONARY_SAMPLE_ROWS)]
    batch = pa.record_batch({"code": pa.array(codes + later)})
    assert pc.count_distinct(batch.column(0)).as_py() > rows / 2  # the whole batch: no
    assert dictionary_columns(batch) == ["code"]


def test_the_file_encodes_only_those_columns_with_a_dictionary():
    sink = _Buffer()
    batch = _batch()
    assert write_batches(HashingWriter(sink), [batch, batch], batch.schema) == 2000
    metadata = pq.ParquetFile(io.BytesIO(sink.data.getvalue())).metadata
    encodings = {
        metadata.row_group(0).column(i).path_in_schema: metadata.row_group(0).column(i).encodings
        for i in range(metadata.num_columns)
    }
    assert "RLE_DICTIONARY" in encodings["status"]
    assert "RLE_DICTIONARY" not in encodings["id"] and "RLE_DICTIONARY" not in encodings["comment"]
    assert pq.read_table(io.BytesIO(sink.data.getvalue())).equals(pa.Table.from_batches([batch, batch]))


def test_an_empty_table_is_still_a_readable_file():
    sink = _Buffer()
    schema = _batch().schema
    assert write_batches(HashingWriter(sink), [], schema) == 0
    assert pq.read_table(io.BytesIO(sink.data.getvalue())).num_rows == 0


def test_statistics_are_kept_for_all_but_free_text_and_bytes():
    sink = _Buffer()
    batch = _batch().append_column("blob", pa.array([i.to_bytes(2, "big") for i in range(1000)]))
    write_batches(HashingWriter(sink), [batch], batch.schema)
    group = pq.ParquetFile(io.BytesIO(sink.data.getvalue())).metadata.row_group(0)
    with_bounds = {
        group.column(i).path_in_schema
        for i in range(group.num_columns)
        if group.column(i).statistics is not None and group.column(i).statistics.has_min_max
    }
    assert with_bounds == {"id", "status"}
