"""Child process for the memory test: writes and reads back N rows, prints peak RSS growth as JSON.

Run in a fresh interpreter so that earlier tests cannot inflate (or pre-pay) its peak RSS:
``python -m tests.integration.dataset_store.memory_probe <dataset_dir> <rows> <batch_rows>``.
"""

from __future__ import annotations

import json
import resource
import sys
import uuid

import numpy as np
import pyarrow as pa

from tdm_dataset_store import LocalDatasetStore

SCHEMA = pa.schema(
    [
        pa.field("id", pa.int64(), nullable=False),
        ("amount", pa.float64()),
        ("customer", pa.string()),
        ("created_at", pa.timestamp("us", tz="UTC")),
    ]
)


def batches(rows: int, batch_rows: int):
    """Deterministic wide-ish batches (~60 bytes a row in Arrow)."""
    rng = np.random.default_rng(11)
    for start in range(0, rows, batch_rows):
        ids = np.arange(start, min(start + batch_rows, rows), dtype=np.int64)
        customers = np.char.add("customer-account-reference-number-", ids.astype(str))
        yield pa.record_batch(
            [
                pa.array(ids),
                pa.array(rng.random(ids.size)),
                pa.array(customers),
                pa.array(ids * 1_000, pa.timestamp("us", tz="UTC")),
            ],
            schema=SCHEMA,
        )


def peak_rss_bytes() -> int:
    """Peak resident set size of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main(directory: str, rows: int, batch_rows: int) -> None:
    store = LocalDatasetStore(directory)
    version = str(uuid.uuid4())
    next(batches(batch_rows, batch_rows))  # warm numpy/pyarrow allocations before the baseline
    baseline = peak_rss_bytes()

    info = store.write_table(version, "events", batches(rows, batch_rows), SCHEMA)
    store.write_manifest(version, {"events": info})
    after_write = peak_rss_bytes()

    read_rows = 0
    id_sum = 0
    for batch in store.read_table(version, "events", batch_size=batch_rows):
        read_rows += batch.num_rows
        id_sum += int(np.asarray(batch.column("id")).sum())
    after_read = peak_rss_bytes()

    arrow_bytes = sum(batch.nbytes for batch in batches(batch_rows, batch_rows)) * (rows // batch_rows)
    print(
        json.dumps(
            {
                "rows_written": info.rows,
                "rows_read": read_rows,
                "id_sum": id_sum,
                "file_bytes": info.bytes,
                "table_arrow_bytes": arrow_bytes,
                "write_growth": after_write - baseline,
                "read_growth": after_read - baseline,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
