"""Dataset store throughput: write and read N rows through each backend.

Reports MB/s (of in-memory Arrow data) and each figure as a ratio to pyarrow doing the same
work straight on a local Parquet file in the same run (write: ``pq.write_table``; read:
``ParquetFile.iter_batches``), which is the floor any store built on Parquet can reach.

    python -m bench.dataset_store_throughput --rows 2000000
    python -m bench.dataset_store_throughput --rows 200000 --s3-endpoint http://127.0.0.1:9000 \
        --access-key minioadmin --secret-key minioadmin

Without --s3-endpoint, the S3 backend runs against moto's server in this process (real HTTP).
"""

from __future__ import annotations

import argparse
import logging
import socket
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from tdm_dataset_store import DatasetStore, DatasetStoreSettings, LocalDatasetStore, TableFileInfo, open_store
from tdm_dataset_store.parquet_io import COMPRESSION, COMPRESSION_LEVEL

MB = 1024 * 1024


def sample_table(rows: int) -> pa.Table:
    """A table shaped like typical business rows: ids, amounts, short text, timestamps."""
    rng = np.random.default_rng(5)
    ids = np.arange(rows, dtype=np.int64)
    return pa.table(
        {
            "id": ids,
            "customer_id": rng.integers(1, 50_000, rows),
            "amount": np.round(rng.random(rows) * 1000, 2),
            "status": pa.array(np.array(["new", "paid", "shipped", "returned"])[ids % 4]),
            "reference": pa.array(np.char.add("ORD-", ids.astype(str))),
            "created_at": pa.array(ids * 1_000_000 + 1_600_000_000_000_000, pa.timestamp("us", tz="UTC")),
        }
    )


def timed(action: Callable[[], object]) -> float:
    """Wall-clock seconds of one call."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def reference_seconds(table: pa.Table, batch_rows: int, directory: Path) -> tuple[float, float]:
    """pyarrow writing and then streaming back the same table as one local zstd Parquet file."""
    path = directory / "reference.parquet"
    write = timed(
        lambda: pq.write_table(
            table,
            path,
            compression=COMPRESSION,
            compression_level=COMPRESSION_LEVEL,
            row_group_size=batch_rows,
        )
    )
    read = timed(lambda: sum(b.num_rows for b in pq.ParquetFile(path).iter_batches(batch_size=batch_rows)))
    return write, read


def store_seconds(store: DatasetStore, table: pa.Table, batch_rows: int) -> tuple[float, float, int]:
    """Write the table through the store (batch by batch), then stream it back; returns times and file size."""
    version = str(uuid.uuid4())
    written: list[TableFileInfo] = []

    def write() -> None:
        info = store.write_table(
            version, "bench.orders", table.to_batches(max_chunksize=batch_rows), table.schema
        )
        store.write_manifest(version, {"bench.orders": info})
        written.append(info)

    def read() -> None:
        rows = sum(
            batch.num_rows for batch in store.read_table(version, "bench.orders", batch_size=batch_rows)
        )
        assert rows == table.num_rows

    write_s, read_s = timed(write), timed(read)
    store.delete_version(version)
    return write_s, read_s, written[0].bytes


@contextmanager
def s3_endpoint(arguments: argparse.Namespace) -> Iterator[tuple[str, str, str]]:
    """The S3 endpoint to measure: the one given, else moto's server on a free local port."""
    if arguments.s3_endpoint:
        yield arguments.s3_endpoint, arguments.access_key, arguments.secret_key
        return
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one access-log line per request otherwise

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}", "bench", "bench"
    finally:
        server.stop()


def report(name: str, seconds: float, reference: float, arrow_mb: float) -> None:
    """One result line: MB/s of Arrow data and the ratio to the reference time."""
    print(
        f"{name:<28} {seconds:8.3f} s {arrow_mb / seconds:9.1f} MB/s   x{seconds / reference:5.2f} of pyarrow local"
    )


def main() -> None:
    """Parse arguments, run the reference and both backends, print the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=2_000_000, help="rows to write and read")
    parser.add_argument("--batch-rows", type=int, default=100_000, help="rows per record batch / row group")
    parser.add_argument("--s3-endpoint", help="S3/MinIO URL; default: moto's server in this process")
    parser.add_argument("--access-key", default="minioadmin")
    parser.add_argument("--secret-key", default="minioadmin")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the fastest counts")
    parser.add_argument("--bucket", default=f"tdm-bench-{uuid.uuid4().hex[:8]}")
    arguments = parser.parse_args()

    table = sample_table(arguments.rows)
    arrow_mb = table.nbytes / MB
    print(
        f"{arguments.rows:,} rows, {arrow_mb:.1f} MB of Arrow data, batches of {arguments.batch_rows:,} rows"
    )
    with tempfile.TemporaryDirectory() as scratch, s3_endpoint(arguments) as (url, access, secret):
        runs = range(arguments.repeat)
        # The fastest of several runs: the machine is shared, and noise only ever adds time.
        references = [reference_seconds(table, arguments.batch_rows, Path(scratch)) for _ in runs]
        ref_write, ref_read = min(r[0] for r in references), min(r[1] for r in references)
        report("pyarrow local write (ref)", ref_write, ref_write, arrow_mb)
        report("pyarrow local read (ref)", ref_read, ref_read, arrow_mb)
        settings = DatasetStoreSettings(
            backend="s3",
            minio_endpoint=url,
            minio_access_key=access,
            minio_secret_key=secret,
            minio_bucket=arguments.bucket,
        )
        stores = {"local": LocalDatasetStore(Path(scratch) / "datasets"), "s3": open_store(settings)}
        for name, store in stores.items():
            results = [store_seconds(store, table, arguments.batch_rows) for _ in runs]
            write_s, read_s, file_bytes = (
                min(r[0] for r in results),
                min(r[1] for r in results),
                results[0][2],
            )
            report(f"{name} write", write_s, ref_write, arrow_mb)
            report(f"{name} read", read_s, ref_read, arrow_mb)
            print(f"{'':<28} file {file_bytes / MB:.1f} MB")


if __name__ == "__main__":
    main()
