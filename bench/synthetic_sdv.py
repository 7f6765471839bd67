"""Learned engine: fit + sample time, rows/s and SDMetrics quality, plain HMA next to our composed mode.

Two training sets of about N rows (default 10k), made by the rules engine from the ecommerce pack:

- 3 tables, two levels (customer -> address, customer -> order): plain HMA runs, and so does the
  composed mode, so both are reported side by side;
- 6 tables, three levels (the whole pack): HMA refuses it (more than two levels), only the
  composed mode runs.

Each run samples as many rows as it was trained on. Needs `pip install tdm[sdv]`. Run small with
`--rows 2000`.

    .venv/bin/python -m bench.synthetic_sdv [--rows 10000]
"""

from __future__ import annotations

import argparse
import time

from tdm_agents.common.progress import NullHooks
from tdm_agents.synthetic.engines.base import GenerationOptions, GenerationRun
from tdm_agents.synthetic.engines.sdv_engine import SdvEngine, hma_fits, schema_depth
from tdm_agents.synthetic.generate import MemorySink, generate_dataset
from tdm_agents.synthetic.packs import load_domain_pack
from tdm_agents.synthetic.quality import quality_report
from tdm_agents.synthetic.schema_model import NormalizedSchema
from tdm_agents.synthetic.validate import validate_tables


def two_level() -> NormalizedSchema:
    """customer -> address, customer -> order from the ecommerce pack."""
    pack = load_domain_pack("ecommerce").schema_
    keep = {"customer", "order", "address"}
    return NormalizedSchema(
        entities=[e for e in pack.entities if e.name in keep],
        relationships=[r for r in pack.relationships if r.child_entity in keep],
    )


def training_set(schema: NormalizedSchema, rows: int) -> MemorySink:
    """About `rows` training rows over the schema, from the rules engine (sized by a small probe run)."""
    probe = MemorySink()
    generate_dataset(schema, _roots(schema, 100), seed=7, sink=probe)
    per_customer = sum(t.num_rows for t in probe.tables.values()) / 100
    sink = MemorySink()
    generate_dataset(schema, _roots(schema, max(20, round(rows / per_customer))), seed=7, sink=sink)
    return sink


def _roots(schema: NormalizedSchema, customers: int) -> dict[str, int]:
    roots = {"customer": customers}
    if schema.entity("product"):
        roots["product"] = max(20, customers // 5)
    return roots


def run(label: str, schema: NormalizedSchema, training: MemorySink, mode: str) -> None:
    counts = {name: table.num_rows for name, table in training.tables.items()}
    engine = SdvEngine(force_mode=mode)
    started = time.perf_counter()
    engine.fit(schema, training.read_table)
    fitted = time.perf_counter()
    out = MemorySink()
    options = GenerationOptions(seed=3, batch_rows=100_000)
    written = engine.generate(GenerationRun(schema, counts, options, out, NullHooks()))
    sampled = time.perf_counter()
    rows = sum(written.values())
    checks = validate_tables(schema, out.tables)
    quality = quality_report(schema, training.read_table, out.tables, 100_000)
    print(
        f"{label:<28} {mode:<9} fit {fitted - started:7.1f} s  sample {sampled - fitted:7.1f} s  "
        f"{rows / (sampled - fitted):9,.0f} rows/s  rows {rows:>7}  quality {quality.overall_score or 0:.3f} "
        f"(shapes {quality.column_shapes or 0:.3f}, pairs {quality.column_pair_trends or 0:.3f})  "
        f"FK violations {checks.foreign_key_violations}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000, help="training rows per schema, about")
    args = parser.parse_args()
    small, full = two_level(), load_domain_pack("ecommerce").schema_
    print(
        f"3 tables, depth {schema_depth(small)}: HMA fits = {hma_fits(small)}; "
        f"{len(full.entities)} tables, depth {schema_depth(full)}: HMA fits = {hma_fits(full)}"
    )
    small_training, full_training = training_set(small, args.rows), training_set(full, args.rows)
    for label, schema, training, modes in (
        ("3 tables / 2 levels", small, small_training, ("hma", "composed")),
        (f"{len(full.entities)} tables / 3 levels", full, full_training, ("composed",)),
    ):
        print(f"{label}: {sum(t.num_rows for t in training.tables.values())} training rows")
        for mode in modes:
            run(label, schema, training, mode)


if __name__ == "__main__":
    main()
