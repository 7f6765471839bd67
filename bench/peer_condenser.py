"""Subset + provision vs db-condenser 1.7.1, side by side on the same TPC-H source, in one run.

Both take the same percentage of customers (with their orders, lineitems and every parent) from
the same source into a fresh database on the same server:
- db-condenser (`pip install db-condenser==1.7.1`, in a venv of its own: it is a peer, not a
  dependency), configured as its CONFIG.md documents: one initial target `public.customer` with a
  percent goal, everything else found through the source's foreign keys; it needs `psql` and
  `pg_dump` on PATH;
- the platform, `--delivery direct` (the default): what a workflow running subsetting then
  provisioning does (`db_migration`, say): one pass that loads the target while it writes and
  verifies the Parquet dataset version, one transaction, smoke tests on;
- `--delivery stored`: a subset job (extract into a Parquet dataset version, verify it), then a
  provisioning job of that version into an empty database;
- `--delivery api`: that workflow submitted to a running platform (`tdm up`; give `--api-url` and
  `--api-key`), timed from the request to the job's end (see `platform_api`).

Runs each tool `--repeat` times, alternating which goes first (the machine may drift), and prints
every time, the medians and their ratio (target <= 0.7).

    python -m bench.peer_condenser --scale 1 --server-url postgresql://postgres@127.0.0.1/postgres \\
        --condenser /tmp/condenser-venv/bin/subset [--plain-numeric]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

from bench.platform_api import ApiPlatform
from bench.platform_direct import subset_and_deliver
from bench.platform_subset import (
    PlatformRun,
    drop_database,
    fresh_database,
    provision_version,
    source_snapshot,
    store_in,
    subset_to_store,
)
from bench.tpch import TABLES_DDL, ensure_tpch_database, server_url

CONDENSER_TARGET = "tdm_bench_condenser"
PLATFORM_TARGET = "tdm_bench_platform"


def condenser_config(server: str, source_db: str, target_db: str, pct: float, workers: int) -> dict:
    """db-condenser's config.json for `pct`% of customers from `source_db` into `target_db`."""
    url = make_url(server)

    def connection(db: str) -> dict:
        info = {"user_name": url.username or "postgres", "host": url.host or "localhost", "db_name": db}
        info["port"] = url.port or 5432
        info["password"] = "${PGPASSWORD}"  # resolved by condenser from the environment, never written
        return info

    return {
        "db_type": "postgres",
        "source_db_connection_info": connection(source_db),
        "destination_db_connection_info": connection(target_db),
        "initial_targets": [{"table": "public.customer", "percent": pct}],
        "keep_disconnected_tables": False,
        "max_rows_per_table": "ALL",
        "passthrough_tables": [],
        "excluded_tables": [],
        "dependency_breaks": [],
        "fk_augmentation": [],
        "upstream_filters": [],
        "parallel_read_workers": workers,
    }


def run_condenser(command: str, server: str, source_db: str, pct: float, workers: int) -> tuple[float, dict]:
    """(seconds, rows per table) of one db-condenser run into a freshly created database."""
    target = fresh_database(server, CONDENSER_TARGET)
    with tempfile.TemporaryDirectory(prefix="tdm-condenser-") as work:
        config = Path(work) / "config.json"
        config.write_text(json.dumps(condenser_config(server, source_db, CONDENSER_TARGET, pct, workers)))
        env = {**os.environ, "PGPASSWORD": make_url(server).password or ""}
        started = time.perf_counter()
        done = subprocess.run(
            [command, "--config", str(config), "-y"], cwd=work, env=env, capture_output=True, text=True
        )
        elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(
            f"db-condenser failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
        )
    return elapsed, row_counts(target)


def row_counts(url: str) -> dict[str, int]:
    """Rows per TPC-H table in the database at `url`."""
    with psycopg.connect(url) as conn:
        return {
            t: conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(t))).fetchone()[0]
            for t in TABLES_DDL
        }


def run_platform(
    server: str, source: str, pct: float, seed: int, delivery: str = "direct", api: ApiPlatform | None = None
) -> tuple[PlatformRun, dict]:
    """The platform's subset and provision into a freshly created database; returns times and rows.

    `direct`: one pass, the subset teed into the target and the Parquet version (see
    `platform_direct`); `stored`: the subset written, then provisioned from the stored version;
    `api`: the workflow job through the running platform `api`."""
    run = PlatformRun()
    target = fresh_database(server, PLATFORM_TARGET)
    if api is not None:
        api.subset_and_provision(pct, seed, run)
        return run, row_counts(target)
    with tempfile.TemporaryDirectory(prefix="tdm-bench-peer-") as work:
        started = time.perf_counter()
        snapshot = source_snapshot(source)
        run.seconds["discover"] = time.perf_counter() - started
        store = store_in(Path(work))
        if delivery == "direct":
            subset_and_deliver(source, snapshot, store, target, pct, seed, run)
        else:
            version = subset_to_store(source, snapshot, store, pct, seed, run)
            provision_version(target, store, version, snapshot, run)
    return run, row_counts(target)


def settle(server: str) -> None:
    """Write back the dirty pages of what ran before (a CHECKPOINT, where the role may ask for
    one), so the next timed run does not pay for it."""
    with psycopg.connect(server, autocommit=True) as conn:
        try:
            conn.execute("CHECKPOINT")
        except psycopg.errors.InsufficientPrivilege:
            return


def warm(source: str) -> None:
    """Read every table once so neither tool pays for the first read from disk."""
    with psycopg.connect(source) as conn:
        for table in TABLES_DDL:
            conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))


def main() -> None:
    """Run both, print both times, their rows and the ratio."""
    parser = argparse.ArgumentParser(description="Subset + provision vs db-condenser on TPC-H")
    parser.add_argument("--scale", type=float, default=1.0, help="TPC-H scale factor")
    parser.add_argument(
        "--server-url", default=None, help="PostgreSQL server URL; default: an embedded server"
    )
    parser.add_argument("--pct", type=float, default=10.0, help="Percentage of customers")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--plain-numeric", action="store_true", help="Source money columns as plain numeric")
    parser.add_argument(
        "--condenser", default=shutil.which("subset") or "subset", help="db-condenser's `subset` command"
    )
    parser.add_argument(
        "--delivery",
        choices=("direct", "stored", "api"),
        default="direct",
        help="how the subset reaches the target",
    )
    parser.add_argument("--api-url", default=os.environ.get("TDM_API_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--api-key", default=os.environ.get("TDM_API_KEY"), help="for --delivery api")
    parser.add_argument("--condenser-workers", type=int, default=2, help="its parallel_read_workers")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each tool, alternating which goes first; medians compared",
    )
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    with server_url(args.server_url) as server:
        source = ensure_tpch_database(server, args.scale, args.plain_numeric)
        source_db = make_url(source).database
        warm(source)
        api = None
        if args.delivery == "api":
            if not args.api_key:
                parser.error("--delivery api needs --api-key (or TDM_API_KEY)")
            api = ApiPlatform(args.api_url, args.api_key)
            api.prepare(source, fresh_database(server, PLATFORM_TARGET))
        peer_runs: list[float] = []
        platform_runs: list[PlatformRun] = []
        try:
            for round_ in range(args.repeat):
                # Alternate which tool goes first, so a drift of the shared machine weighs on both.
                order = ("peer", "platform") if round_ % 2 == 0 else ("platform", "peer")
                for tool in order:
                    settle(server)
                    if tool == "peer":
                        seconds, peer_rows = run_condenser(
                            args.condenser, server, source_db, args.pct, args.condenser_workers
                        )
                        peer_runs.append(seconds)
                        # A freshly loaded database keeps the server busy (autovacuum, writing back
                        # dirty pages) during the next run: each run starts on a quiet server.
                        drop_database(server, CONDENSER_TARGET)
                    else:
                        run, ours = run_platform(server, source, args.pct, args.seed, args.delivery, api)
                        platform_runs.append(run)
                        drop_database(server, PLATFORM_TARGET)
        finally:
            drop_database(server, CONDENSER_TARGET)
            drop_database(server, PLATFORM_TARGET)
    report(args, peer_runs, peer_rows, platform_runs, ours)


def report(
    args: argparse.Namespace,
    peer_runs: list[float],
    peer_rows: dict[str, int],
    platform_runs: list[PlatformRun],
    ours: dict[str, int],
) -> None:
    """Rows per table, each run's times, and the ratio of the medians."""
    kind = "plain numeric" if args.plain_numeric else "numeric(15,2)"
    print(f"TPC-H sf={args.scale:g} ({kind}), {args.pct:g}% of customers into an empty database")
    for table in TABLES_DDL:
        print(f"  {table:9s} platform {ours[table]:>10,d}  db-condenser {peer_rows[table]:>10,d}")
    for run in platform_runs:
        steps = "  ".join(f"{k} {v:.2f}s" for k, v in run.seconds.items())
        print(f"  platform run {run.total:8.2f} s  ({steps})")
    peer = statistics.median(peer_runs)
    platform = statistics.median(run.total for run in platform_runs)
    runs = ", ".join(f"{s:.2f}" for s in peer_runs)
    print(f"db-condenser 1.7.1:          {peer:8.2f} s  (median of {runs})")
    runs = ", ".join(f"{r.total:.2f}" for r in platform_runs)
    print(f"platform subset + provision ({args.delivery}): {platform:8.2f} s  (median of {runs})")
    print(f"ratio platform / db-condenser: {platform / peer:.2f} (target <= 0.7)")


if __name__ == "__main__":
    main()
