"""Rules engine throughput: the ecommerce pack at N rows in all (default 1M) over its six related
tables, end to end (pools, generation, constraint checks) into zstd Parquet files in a temporary
directory, against the physical limit measured in the same run: pyarrow writing the very same rows,
already generated, with the same writer settings.

Prints rows/s of both, their ratio, and the FK violations found (must be 0). Run small with
`--rows 100000`.

    .venv/bin/python -m bench.synthetic_rules [--rows 1000000] [--seed 1]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tdm_agents.synthetic.generate import generate_dataset
from tdm_agents.synthetic.packs import load_domain_pack

# Rows per customer over the pack's tables: 1 customer, 1.3 addresses, 4 orders, 10 items, 4.2 payments.
ROWS_PER_CUSTOMER = 20.5


class ParquetDirSink:
    """Writes each table to `<dir>/<table>.parquet`, one row group per batch (as the dataset store does)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    def write_table(self, table: str, batches: Iterable[pa.RecordBatch], schema: pa.Schema) -> int:
        rows = 0
        with pq.ParquetWriter(self.directory / f"{table}.parquet", schema, compression="zstd") as writer:
            for batch in batches:
                writer.write_batch(batch)
                rows += batch.num_rows
        return rows


def row_counts(total: int) -> dict[str, int]:
    """Root counts that make the pack come to about `total` rows in all."""
    products = max(50, total // 500)
    return {"product": products, "customer": max(1, round((total - products) / ROWS_PER_CUSTOMER))}


def reference_write(source: Path, target: Path, batch_rows: int) -> tuple[int, float]:
    """Time pyarrow writing the already-generated tables again (read untimed beforehand)."""
    tables = {p.stem: pq.read_table(p) for p in sorted(source.glob("*.parquet"))}
    sink = ParquetDirSink(target)
    started = time.perf_counter()
    rows = sum(
        sink.write_table(n, t.to_batches(max_chunksize=batch_rows), t.schema) for n, t in tables.items()
    )
    return rows, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows over all tables")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    schema = load_domain_pack("ecommerce").schema_
    workdir = Path(tempfile.mkdtemp(prefix="tdm-bench-synthetic-"))
    try:
        started = time.perf_counter()
        result = generate_dataset(
            schema, row_counts(args.rows), seed=args.seed, sink=ParquetDirSink(workdir / "generated")
        )
        elapsed = time.perf_counter() - started
        ref_rows, ref_elapsed = reference_write(workdir / "generated", workdir / "reference", 100_000)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    rows = result.total_rows
    assert rows == ref_rows
    print(
        f"tables: {len(result.row_counts)}  rows: {rows}  "
        + ", ".join(f"{k}={v}" for k, v in result.row_counts.items())
    )
    print("stages (s): " + ", ".join(f"{k}={v:.2f}" for k, v in result.timings.items()))
    print(f"rules engine end to end: {elapsed:.2f} s  {rows / elapsed:,.0f} rows/s")
    print(
        f"reference (pyarrow writes the same rows): {ref_elapsed:.2f} s  {ref_rows / ref_elapsed:,.0f} rows/s"
    )
    print(f"ratio (engine time / reference time): {elapsed / ref_elapsed:.1f}x")
    print(
        f"FK violations: {result.validation.foreign_key_violations}  checks passed: {result.validation.passed}"
    )


if __name__ == "__main__":
    main()
