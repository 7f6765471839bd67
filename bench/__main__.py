"""`make bench` / `python -m bench [--full] [name ...]`: run the benchmarks, each printing its ratio.

Quick sizes by default (minutes in all); `--full` runs the sizes the issues name (TPC-H SF1, 10M
values, 1M synthetic rows: much longer). Benchmarks run one after another: they start their own
embedded servers and must not share them.
"""

from __future__ import annotations

import subprocess
import sys

# name → (quick arguments, full arguments)
BENCHMARKS: dict[str, tuple[list[str], list[str]]] = {
    "queue_latency": (["--per-client", "50"], []),
    "api_enqueue": (["--per-client", "20"], []),
    "worker_throughput": (["--jobs", "100"], ["--jobs", "500"]),
    "discovery_500_tables": ([], []),
    "dataset_store_throughput": (["--rows", "500000"], ["--rows", "2000000"]),
    "pii_quality": (["--values", "20", "--speed-columns", "200"], []),
    "masking_throughput": (["--size", "1000000"], ["--size", "10000000"]),
    "subset_tpch": (["--scale", "0.1"], ["--scale", "1"]),
    "partition_subset": (["--rentals", "200000"], ["--rentals", "1000000"]),
    "masking_tpch": (["--scale", "0.1"], ["--scale", "1"]),
    "provision_tpch": (["--scale", "0.1"], ["--scale", "1"]),
    "synthetic_rules": (["--rows", "200000"], []),
    "synthetic_sdv": (["--rows", "2000"], []),
}


def main(argv: list[str]) -> int:
    full = "--full" in argv
    names = [a for a in argv if not a.startswith("--")] or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
        return 2
    failed = []
    for name in names:
        quick, big = BENCHMARKS[name]
        args = big if full else quick
        print(f"\n=== {name} {' '.join(args)}", flush=True)
        if subprocess.run([sys.executable, "-m", f"bench.{name}", *args]).returncode != 0:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
