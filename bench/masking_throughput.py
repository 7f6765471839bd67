"""Masking throughput: values/s per core for mask.hash, mask.email_deterministic, mask.redact, and the
vectorized FF3-1 against the `ff3` package.

    .venv/bin/python -m bench.masking_throughput --size 10000000 --distinct 0.1 --baseline

Each rule's rate is printed with two ratios: to the 2M values/s target, and to a reference measured
in the same run (one Arrow kernel pass, `utf8_upper`, over the same column). Arrow is pinned to one
thread and time is this process's CPU time, so the figures are per core.

`--baseline` also runs the engine's earlier path on the same column, in the same run: one HMAC
call per distinct value through `KeyedHash.digest` and no memo of outputs across batches.
"""

from __future__ import annotations

import argparse
import base64
import time

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from bench.masking_baseline import masking_context
from tdm_agents.masking.context import MaskContext
from tdm_agents.masking.engine import _Step, mask_column
from tdm_agents.masking.fpe.ff3_1 import FF3_1
from tdm_agents.masking.keys import MaskingKeyring, parse_masking_keys
from tdm_agents.masking.rules import ResolvedRule
from tdm_agents.masking.transformers import get_transformer

TARGET_VALUES_PER_S = 2_000_000
TARGET_FF3_RATIO = 15.0


def _context(baseline: bool = False) -> MaskContext:
    key = base64.urlsafe_b64encode(np.random.default_rng(0).bytes(32)).decode()
    keyring = MaskingKeyring(keys=parse_masking_keys(f"bench:{key}"), active_key_id="bench")
    return masking_context(keyring, baseline)


def _emails(size: int, distinct: float) -> pa.Array:
    ids = np.random.default_rng(1).integers(0, max(1, int(size * distinct)), size=size)
    local = pc.binary_join_element_wise("user.", pc.cast(pa.array(ids), pa.string()), "")
    return pc.binary_join_element_wise(local, "example.org", "@")


def _timed(fn) -> float:  # noqa: ANN001
    """CPU seconds of this process: a per-core figure even on a shared, busy machine."""
    start = time.process_time()
    fn()
    return time.process_time() - start


def _rule_rate(rule_type: str, values: pa.Array, ctx: MaskContext, chunk: int = 1_000_000) -> float:
    transformer = get_transformer(rule_type)
    options = transformer.parse_options({})
    rule = ResolvedRule(
        table="t", column="c", type=rule_type, options=options.model_dump(mode="json"), category="string"
    )
    step = _Step(rule, transformer, options)

    def run() -> None:
        for start in range(0, len(values), chunk):
            mask_column(values.slice(start, chunk), step, None, ctx)

    return len(values) / _timed(run)


def _ff3_rates(rows: int, reference_rows: int) -> tuple[float, float]:
    from ff3 import FF3Cipher

    rng = np.random.default_rng(2)
    key, tweak = rng.bytes(16), rng.bytes(7)
    digits = rng.integers(0, 10, size=(rows, 16), dtype=np.uint8)
    mine = FF3_1(key, tweak, 10)
    vectorized = rows / _timed(lambda: mine.encrypt(digits))
    reference = FF3Cipher(key.hex(), tweak.hex(), 10)
    texts = ["".join(map(str, row)) for row in digits[:reference_rows]]
    package = reference_rows / _timed(lambda: [reference.encrypt(t) for t in texts])
    return vectorized, package


def main() -> None:
    """Run the benchmark and print rates and ratios."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=10_000_000, help="values per rule")
    parser.add_argument("--distinct", type=float, default=0.1, help="share of distinct values in the column")
    parser.add_argument("--ff3-size", type=int, default=200_000, help="inputs for the vectorized FF3-1")
    parser.add_argument("--ff3-reference-size", type=int, default=5_000, help="inputs for the ff3 package")
    parser.add_argument("--chunk", type=int, default=1_000_000, help="values per batch")
    parser.add_argument(
        "--baseline", action="store_true", help="also run the earlier engine path on the same column"
    )
    args = parser.parse_args()
    pa.set_cpu_count(1)
    values = _emails(args.size, args.distinct)
    kernel = len(values) / _timed(lambda: pc.utf8_upper(values))
    print(
        f"column: {args.size:,} emails, {args.distinct:.0%} distinct; reference utf8_upper: {kernel:,.0f} values/s"
    )
    for rule_type in ("mask.hash", "mask.email_deterministic", "mask.redact"):
        for baseline in (False, True) if args.baseline else (False,):
            # A fresh context per rule: no memo carried over from another rule's run.
            rate = _rule_rate(rule_type, values, _context(baseline), args.chunk)
            label = f"{rule_type}{' (baseline)' if baseline else ''}"
            print(
                f"{label:37s} {rate:>14,.0f} values/s  "
                f"target ratio {rate / TARGET_VALUES_PER_S:5.2f}  kernel ratio {rate / kernel:6.3f}"
            )
    vectorized, package = _ff3_rates(args.ff3_size, args.ff3_reference_size)
    print(
        f"FF3-1 16 digits: vectorized {vectorized:,.0f}/s, ff3 package {package:,.0f}/s, "
        f"ratio {vectorized / package:.1f}x (target {TARGET_FF3_RATIO:.0f}x)"
    )


if __name__ == "__main__":
    main()
