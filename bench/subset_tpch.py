"""Subset benchmark on TPC-H: 10% of customers with their orders, lineitems and every parent.

Reports, measured in the same run on the same server:
- the subset's wall time (key sets in the source + ADBC COPY-binary export into Arrow batches),
- the reference: server-side `COPY (SELECT …) TO '/dev/null'` of exactly the same rows, selected
  by hand-written semi-joins (the floor: finding and emitting the rows, no client transfer),
- their ratio (target <= 1.5), the process's peak RSS (target <= 1 GiB, flat in the scale factor),
- the subset job's extraction as it runs in a job: the same, written as a Parquet dataset version,
- the naive path (pandas `read_sql` per table, ids pulled into Python) for contrast.

    python -m bench.subset_tpch --scale 0.1            # embedded server, quick
    python -m bench.subset_tpch --scale 1 --server-url postgresql://... [--plain-numeric]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

import psycopg
import pyarrow as pa

from bench.platform_subset import PlatformRun, source_snapshot, store_in, subset_to_store
from bench.tpch import ensure_tpch_database, server_url
from tdm_agents.schema_discovery.catalog import fetch_snapshot
from tdm_agents.subsetting import SubsetRequest, extract_subset, validate_request
from tdm_agents.subsetting.settings import get_settings
from tdm_agents.subsetting.sql_builder import SAMPLING_BUCKETS

SAMPLE = (
    "((hashtextextended(ROW(c.c_custkey)::text, {seed}) & 9223372036854775807) % {buckets}) < {threshold}"
)

# The same rows as the subset, selected by hand: targets, children, then parents.
REFERENCE_KEYS = [
    ("sel_customer", "SELECT c.c_custkey, c.c_nationkey FROM customer c WHERE {sample}"),
    ("sel_orders", "SELECT o.o_orderkey FROM orders o JOIN sel_customer s ON o.o_custkey = s.c_custkey"),
    (
        "sel_lineitem",
        "SELECT l.l_orderkey, l.l_linenumber, l.l_partkey, l.l_suppkey FROM lineitem l "
        "JOIN sel_orders s ON l.l_orderkey = s.o_orderkey",
    ),
    ("sel_partsupp", "SELECT DISTINCT l_partkey, l_suppkey FROM sel_lineitem"),
    (
        "sel_supplier",
        "SELECT DISTINCT s.s_suppkey, s.s_nationkey FROM supplier s JOIN sel_partsupp p ON p.l_suppkey = s.s_suppkey",
    ),
    ("sel_nation", "SELECT c_nationkey AS n FROM sel_customer UNION SELECT s_nationkey FROM sel_supplier"),
]
REFERENCE_ROWS = {
    "customer": "SELECT t.* FROM customer t JOIN sel_customer s ON t.c_custkey = s.c_custkey",
    "orders": "SELECT t.* FROM orders t JOIN sel_orders s ON t.o_orderkey = s.o_orderkey",
    "lineitem": "SELECT t.* FROM lineitem t JOIN sel_lineitem s ON (t.l_orderkey, t.l_linenumber) = (s.l_orderkey, s.l_linenumber)",
    "partsupp": "SELECT t.* FROM partsupp t JOIN sel_partsupp s ON (t.ps_partkey, t.ps_suppkey) = (s.l_partkey, s.l_suppkey)",
    "part": "SELECT t.* FROM part t WHERE t.p_partkey IN (SELECT l_partkey FROM sel_partsupp)",
    "supplier": "SELECT t.* FROM supplier t JOIN sel_supplier s ON t.s_suppkey = s.s_suppkey",
    "nation": "SELECT t.* FROM nation t JOIN sel_nation s ON t.n_nationkey = s.n",
    "region": "SELECT t.* FROM region t WHERE t.r_regionkey IN (SELECT n_regionkey FROM nation JOIN sel_nation ON n_nationkey = n)",
}


class CountingSink:
    """Consumes batches like a writer would, keeping only counts (the benchmark measures reading).

    Called from several threads at once (one table each), so counts are kept per table."""

    def __init__(self) -> None:
        self.rows: dict[str, int] = {}
        self.table_bytes: dict[str, int] = {}

    @property
    def bytes(self) -> int:
        return sum(self.table_bytes.values())

    def __call__(self, table: str, batches: Iterable[pa.RecordBatch], schema: pa.Schema) -> None:
        rows = size = 0
        for batch in batches:
            rows += batch.num_rows
            size += batch.nbytes
        self.rows[table], self.table_bytes[table] = rows, size


def run_subset(
    url: str, pct: float, seed: int, workers: int | None = None
) -> tuple[float, dict[str, int], int]:
    """(seconds, rows per table, bytes) of the engine's subset (`workers` sessions; default: settings)."""
    with psycopg.connect(url) as conn:
        snapshot = fetch_snapshot(conn, ["public"])
    request = SubsetRequest(
        schema_version_id="bench", connection_string=url, root_table="customer", sampling_pct=pct, seed=seed
    )
    resolved = validate_request(request, snapshot)
    sink = CountingSink()
    started = time.perf_counter()
    settings = get_settings() if workers is None else get_settings().model_copy(update={"workers": workers})
    extract_subset(url, snapshot, resolved, sink, settings=settings)
    return time.perf_counter() - started, sink.rows, sink.bytes


def run_parquet(url: str, pct: float, seed: int) -> PlatformRun:
    """Seconds of the subset job's extraction into a Parquet dataset version, and of its verification."""
    run = PlatformRun()
    with tempfile.TemporaryDirectory(prefix="tdm-bench-subset-") as work:
        subset_to_store(url, source_snapshot(url), store_in(Path(work)), pct, seed, run)
    return run


def run_reference(url: str, pct: float, seed: int) -> tuple[float, dict[str, int]]:
    """(seconds, rows per table) of server-side COPY … TO '/dev/null' of the same rows."""
    sample = SAMPLE.format(seed=seed, buckets=SAMPLING_BUCKETS, threshold=round(pct * SAMPLING_BUCKETS / 100))
    rows: dict[str, int] = {}
    with psycopg.connect(url) as conn:
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        started = time.perf_counter()
        for name, query in REFERENCE_KEYS:
            conn.execute(f"CREATE TEMP TABLE {name} AS {query.format(sample=sample)}")
        for table, query in REFERENCE_ROWS.items():
            rows[table] = conn.execute(f"COPY ({query}) TO '/dev/null'").rowcount
        elapsed = time.perf_counter() - started
        conn.rollback()
    return elapsed, rows


def run_naive(url: str, pct: float, seed: int) -> tuple[float, dict[str, int]]:
    """(seconds, rows per table) of pandas read_sql per table, ids travelling through Python."""
    import warnings

    import pandas as pd

    # pandas prefers SQLAlchemy but reads a DBAPI connection the same way; the warning is noise here.
    warnings.filterwarnings("ignore", message="pandas only supports SQLAlchemy", category=UserWarning)
    sample = SAMPLE.format(seed=seed, buckets=SAMPLING_BUCKETS, threshold=round(pct * SAMPLING_BUCKETS / 100))
    started = time.perf_counter()
    with psycopg.connect(url) as conn:
        frames = {"customer": pd.read_sql(f"SELECT * FROM customer c WHERE {sample}", conn)}

        def where_in(table: str, column: str, values) -> pd.DataFrame:
            ids = sorted({int(v) for v in values})
            return pd.read_sql(
                f"SELECT * FROM {table} WHERE {column} = ANY(%(ids)s)", conn, params={"ids": ids}
            )

        frames["orders"] = where_in("orders", "o_custkey", frames["customer"].c_custkey)
        frames["lineitem"] = where_in("lineitem", "l_orderkey", frames["orders"].o_orderkey)
        pairs = frames["lineitem"][["l_partkey", "l_suppkey"]].drop_duplicates()
        ps = where_in("partsupp", "ps_partkey", pairs.l_partkey)
        frames["partsupp"] = ps.merge(
            pairs, left_on=["ps_partkey", "ps_suppkey"], right_on=["l_partkey", "l_suppkey"]
        )
        frames["part"] = where_in("part", "p_partkey", pairs.l_partkey)
        frames["supplier"] = where_in("supplier", "s_suppkey", pairs.l_suppkey)
        nations = set(frames["customer"].c_nationkey) | set(frames["supplier"].s_nationkey)
        frames["nation"] = where_in("nation", "n_nationkey", nations)
        frames["region"] = where_in("region", "r_regionkey", frames["nation"].n_regionkey)
    return time.perf_counter() - started, {t: len(f) for t, f in frames.items()}


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    """Load (once) TPC-H, run the subset, the reference and the naive path, print the ratios."""
    parser = argparse.ArgumentParser(description="Subset 10% of TPC-H customers; ratio to server-side COPY")
    parser.add_argument("--scale", type=float, default=1.0, help="TPC-H scale factor (0.1 for a quick run)")
    parser.add_argument(
        "--server-url", default=None, help="PostgreSQL server URL; default: an embedded server"
    )
    parser.add_argument("--pct", type=float, default=10.0, help="Percentage of customers")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--compare-one-worker",
        action="store_true",
        help="Also time the subset on one session (TDM_SUBSET_WORKERS=1)",
    )
    parser.add_argument("--skip-naive", action="store_true", help="Do not run the pandas path")
    parser.add_argument("--plain-numeric", action="store_true", help="Source money columns as plain numeric")
    args = parser.parse_args()
    with server_url(args.server_url) as server:
        url = ensure_tpch_database(server, args.scale, args.plain_numeric)
        run_reference(url, args.pct, args.seed)  # warm the cache so both timed runs read from memory
        ref_s, ref_rows = run_reference(url, args.pct, args.seed)
        one_s = run_subset(url, args.pct, args.seed, workers=1)[0] if args.compare_one_worker else None
        sub_s, sub_rows, sub_bytes = run_subset(url, args.pct, args.seed)
        extraction_rss = peak_rss_mib()
        parquet = run_parquet(url, args.pct, args.seed)
        rss = peak_rss_mib()
        kind = "plain numeric" if args.plain_numeric else "numeric(15,2)"
        print(f"TPC-H sf={args.scale:g} ({kind}), {args.pct:g}% of customers, seed {args.seed}")
        for table in REFERENCE_ROWS:
            flag = "" if sub_rows.get(table) == ref_rows[table] else "  MISMATCH"
            print(
                f"  {table:9s} subset {sub_rows.get(table, 0):>10,d}  reference {ref_rows[table]:>10,d}{flag}"
            )
        print(f"reference COPY TO /dev/null: {ref_s:.2f}s")
        print(
            f"subset ({get_settings().workers} sessions):       {sub_s:.2f}s  {sub_bytes / 2**20:.0f} MiB of Arrow  ratio {sub_s / ref_s:.2f} (target <= 1.5)"
        )
        if one_s is not None:
            print(f"subset, one session:         {one_s:.2f}s  ratio {one_s / ref_s:.2f}")
        sub_pq = parquet.seconds["subset"]
        print(
            f"subset into Parquet (job):   {sub_pq:.2f}s  ratio {sub_pq / ref_s:.2f}; "
            f"verification {parquet.seconds['verify']:.2f}s"
        )
        # The extraction streams; the job's verification holds every parent's keys, so it grows with the subset.
        print(
            f"peak RSS after the extraction: {extraction_rss:.0f} MiB; after the job's too: {rss:.0f} MiB (target <= 1024)"
        )
        if not args.skip_naive:
            naive_s, naive_rows = run_naive(url, args.pct, args.seed)
            same = "same rows" if naive_rows == ref_rows else f"rows differ: {naive_rows}"
            print(f"naive pandas read_sql:       {naive_s:.2f}s  ratio {naive_s / ref_s:.2f} ({same})")


if __name__ == "__main__":
    main()
