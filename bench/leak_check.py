"""Post-mask checks: the leak check per policy kind, and the mask-time column coverage (PII detectors).

    .venv/bin/python -m bench.leak_check --size 1000000

For each rule, the column is masked with the engine, then `check_column` runs on (original, masked);
the time is this process's CPU time with Arrow pinned to one thread (per core). The reference in the
same run is one Arrow `is_in` pass over the same column (what the original exact-match check cost).
The coverage check runs the deterministic PII detectors on a 1,000-value sample of 20 columns.
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from bench.masking_throughput import _context
from tdm_agents.masking.coverage import PrivacyDecisions, column_coverage
from tdm_agents.masking.engine import mask_table
from tdm_agents.masking.rules import ResolvedRule
from tdm_agents.masking.transformers import get_transformer
from tdm_agents.masking.validator import check_column
from tdm_metadata_store.snapshot import ColumnInfo, SchemaSnapshot, TableInfo

RULES = (
    ("mask.hash", "string", {}),
    ("mask.generalize", "date", {"mode": "month"}),
    ("mask.fake_last_name", "string", {}),
    ("mask.shuffle", "string", {}),
    ("mask.noise", "integer", {}),
    ("mask.json_path", "json", {"paths": ["$.email"], "rule": {"type": "mask.email_deterministic"}}),
)


def _column(category: str, size: int) -> pa.Array:
    ids = np.arange(size)
    if category == "date":
        return pa.array(np.datetime64("2020-01-01") + (ids % 3000).astype("timedelta64[D]"))
    if category == "integer":
        return pa.array(1000 + ids * 7, pa.int64())
    if category == "json":
        return pa.array([json.dumps({"email": f"user{i}@mail.example", "plan": "gold"}) for i in ids])
    return pc.binary_join_element_wise("Name", pc.cast(pa.array(ids % (size // 4 + 1)), pa.string()), "")


def _rule(name: str, category: str, options: dict) -> ResolvedRule:
    transformer = get_transformer(name)
    resolved = transformer.resolve_options(transformer.parse_options(options), False)
    return ResolvedRule(
        table="t", column="c", type=name, options=resolved.model_dump(mode="json"), category=category
    )


def _cpu(fn):
    """(fn's result, CPU seconds it took)."""
    start = time.process_time()
    result = fn()
    return result, time.process_time() - start


def bench_leaks(size: int) -> None:
    for name, category, options in RULES:
        values = _column(category, size)
        rule = _rule(name, category, options)
        batch = pa.RecordBatch.from_arrays([values], names=["c"])
        masked = (
            pa.Table.from_batches(list(mask_table("t", [batch], [rule], _context())))
            .column("c")
            .combine_chunks()
        )
        _, reference = _cpu(lambda v=values, m=masked: pc.is_in(m.cast(v.type), value_set=v.unique()))
        leak, seconds = _cpu(lambda v=values, m=masked, r=rule: check_column(r, v, m))
        print(
            f"{name:22} {size:>9} rows  {seconds:7.3f} s  ({size / max(seconds, 1e-9) / 1e6:6.2f} M rows/s/core, "
            f"{seconds / max(reference, 1e-9):5.1f}x one is_in pass)  check={leak.check} leaked={leak.leaked}"
        )


def bench_coverage() -> None:
    names = [f"col_{i}" for i in range(20)]
    info = TableInfo(
        schema_name="public",
        name="wide",
        columns=[ColumnInfo(name=n, data_type="text", type_category="string") for n in names],
    )
    rows = 1000
    data = {
        n: pa.array([f"value {i} of {n}" if k % 2 else f"person{i}@mail.example" for i in range(rows)])
        for k, n in enumerate(names)
    }
    table = pa.table(data)
    read = lambda t, columns=None: table.select(columns or names).to_batches(max_chunksize=500)  # noqa: E731
    _, seconds = _cpu(
        lambda: column_coverage(read, {"wide": names}, SchemaSnapshot(tables=[info]), [], PrivacyDecisions())
    )
    print(f"coverage: {len(names)} unruled columns x {rows} sampled values  {seconds:6.3f} s CPU")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=1_000_000, help="Rows per masked column")
    args = parser.parse_args()
    pa.set_cpu_count(1)
    bench_leaks(args.size)
    bench_coverage()


if __name__ == "__main__":
    main()
