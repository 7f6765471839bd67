"""What counts as a leak for each masking rule type, and how survivors are counted.

Every registered rule type has a policy; a rule type without one makes the leak check fail (the
engine refuses to call an unchecked output safe). Kinds:

- `any_original`: no output may equal any original value of the column (hashes, tokens, emails).
- `own_original`: no output may equal its own row's original, except where the rule legitimately
  leaves a value as it was (a date already on the first of the month under `generalize month`, a
  value already hidden under `partial`, the constant itself under `constant`).
- `beyond_chance`: outputs may coincide with their own original by chance (a shuffle's fixed
  points, a fake name drawn from the same pool as the real one, noise that rounds to nothing);
  a leak is more same-row matches than chance explains (Poisson tail below `ALPHA`).
- `entities_only`: the value may keep its other parts (JSON keys the rule does not name).

Policies marked `entities` also check that no PII entity found in a source value (email, phone,
card, IBAN, id, full name) appears verbatim in the same row's output: free text and JSON.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tdm_agents.masking.rules import ResolvedRule
from tdm_agents.masking.transformers.registry import UnknownTransformerError

LeakKind = Literal["any_original", "own_original", "beyond_chance", "entities_only"]
# Chance explains a same-row match count unless seeing that many is rarer than this.
ALPHA = 1e-4
Legit = Callable[[pa.Array, dict[str, Any]], pa.Array]
Chance = Callable[[pa.Array, pa.Array, dict[str, Any]], float]


class MissingLeakPolicy(LookupError):
    """A rule type has no leak policy: its output cannot be called safe."""


@dataclass(frozen=True)
class LeakPolicy:
    """How the leak check judges one rule type's output."""

    kind: LeakKind
    meaning: str
    legit: Legit | None = None  # own_original: rows whose output may equal the original
    chance: Chance | None = None  # beyond_chance: expected same-row coincidences
    entities: bool = False


def _equal_rows(original: pa.Array, masked: pa.Array) -> pa.Array:
    return pc.fill_null(pc.equal(original, masked), False)


def poisson_allowance(expected: float) -> int:
    """The largest same-row match count that chance explains when `expected` are expected."""
    if expected <= 0:
        return 0
    if expected > 1000:  # normal approximation; the exact sum is slow and no more useful here
        return int(expected + 4.0 * math.sqrt(expected))
    k, tail, pmf = 0, 1.0, math.exp(-expected)
    while True:  # tail = P(X >= k + 1)
        tail -= pmf
        if tail < ALPHA:
            return k
        k += 1
        pmf *= expected / k


def frequency_coincidences(original: pa.Array, masked: pa.Array, _: dict[str, Any]) -> float:
    """Same-row matches expected if outputs were independent of their row: sum of n_orig(v) * n_out(v) / n."""
    both = pc.and_(original.is_valid(), masked.is_valid())
    rows = int(pc.sum(both).as_py() or 0)
    if rows == 0:
        return 0.0

    def counts(values: pa.Array) -> pa.Table:
        vc = pc.value_counts(values.filter(both))
        return pa.table({"v": vc.field("values"), "n": pc.cast(vc.field("counts"), pa.float64())})

    joined = counts(original).join(counts(masked), "v", right_suffix="_out")
    return float(pc.sum(pc.multiply(joined["n"], joined["n_out"])).as_py() or 0.0) / rows


def noise_coincidences(original: pa.Array, masked: pa.Array, options: dict[str, Any]) -> float:
    """Rows whose noise rounds to nothing: about (resolution / 2) / max change, per row."""
    kind = original.type
    resolution = 1.0 if pa.types.is_integer(kind) else 10.0**-kind.scale if pa.types.is_decimal(kind) else 0.0
    numbers = pc.cast(original.drop_null(), pa.float64()).to_numpy(zero_copy_only=False)
    amount = float(options.get("amount", 0.1))
    change = np.full(numbers.shape, amount) if options.get("mode") == "absolute" else amount * np.abs(numbers)
    with np.errstate(divide="ignore"):
        chance = np.where(change > 0, np.minimum(1.0, (resolution / 2.0) / change), 1.0)
    return float(chance.sum())


def _constant_rows(original: pa.Array, options: dict[str, Any]) -> pa.Array:
    try:
        constant = pa.array([options.get("value")]).cast(original.type)[0]
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        return pa.array(np.zeros(len(original), dtype=bool))
    return pc.fill_null(pc.equal(original, constant), False)


def _generalized_rows(original: pa.Array, options: dict[str, Any]) -> pa.Array:
    """Values already at the rule's granularity (generalizing them changes nothing)."""
    mode = options.get("mode")
    if mode in ("month", "year"):
        return _equal_rows(original, pc.floor_temporal(original, unit=mode))
    if mode == "bucket":
        numbers = pc.cast(original, pa.float64())
        width = float(options.get("bucket_width", 10))
        return _equal_rows(numbers, pc.multiply(pc.floor(pc.divide(numbers, width)), width))
    text = pc.cast(original, pa.string())
    rest = pc.utf8_slice_codeunits(text, int(options.get("prefix_length", 3)))
    fill = options.get("fill_char")
    if fill is None:
        return pc.fill_null(pc.equal(pc.utf8_length(rest), 0), False)
    return pc.fill_null(pc.match_substring_regex(rest, f"^(?:{re.escape(fill)})*$"), False)


def _hidden_rows(original: pa.Array, options: dict[str, Any]) -> pa.Array:
    """Values that already look like the rule's output (only mask characters where it hides)."""
    first, last = int(options.get("keep_first", 0)), int(options.get("keep_last", 4))
    char = re.escape(str(options.get("mask_char", "*")))
    text = pc.cast(original, pa.string())
    all_masked = pc.match_substring_regex(text, f"^(?:{char})*$")
    shaped = pc.match_substring_regex(text, f"^(?s:.{{{first}}})(?:{char})+(?s:.{{{last}}})$")
    return pc.fill_null(pc.or_(all_masked, shaped), False)


_FAKE = LeakPolicy(
    "beyond_chance",
    "a fake equal to its own row's original more often than drawing from the fake pool explains",
    chance=frequency_coincidences,
)
_POLICIES: dict[str, LeakPolicy] = {
    "mask.null": LeakPolicy("own_original", "any original value left in its row"),
    "mask.constant": LeakPolicy(
        "own_original", "an original left in its row, unless it is the constant itself", legit=_constant_rows
    ),
    "mask.generalize": LeakPolicy(
        "own_original",
        "an exact original left where generalizing should have changed it",
        legit=_generalized_rows,
    ),
    "mask.partial": LeakPolicy(
        "own_original",
        "an original left whole where characters should be hidden; or a source entity kept",
        legit=_hidden_rows,
        entities=True,
    ),
    "mask.noise": LeakPolicy(
        "beyond_chance",
        "a value left unchanged more often than noise rounding to nothing explains",
        chance=noise_coincidences,
    ),
    "mask.shuffle": LeakPolicy(
        "beyond_chance",
        "a value staying in its own row more often than a random permutation explains",
        chance=frequency_coincidences,
    ),
    # Paths not named by the rule stay as they were by design: what must not stay is PII.
    "mask.json_path": LeakPolicy(
        "entities_only",
        "an entity found in the source document still in the same row's output",
        entities=True,
    ),
    "mask.regex_replace": LeakPolicy(
        "any_original", "an original value in the output, or a source entity kept in free text", entities=True
    ),
    **{
        f"mask.{fake}": _FAKE
        for fake in (
            "fake_name",
            "fake_first_name",
            "fake_last_name",
            "fake_address",
            "fake_phone",
            "fake_company",
        )
    },  # fmt: skip
}
_BY_GUARANTEE: dict[str, LeakPolicy] = {
    "any": LeakPolicy("any_original", "an output equal to any original value of the column"),
    "same_row": LeakPolicy("own_original", "an output equal to its own row's original"),
}


def policy_for(rule: ResolvedRule) -> LeakPolicy:
    """The rule's leak policy: its own, else the one its guarantees imply; raises MissingLeakPolicy."""
    if rule.type in _POLICIES:
        return _POLICIES[rule.type]
    try:
        guarantees = rule.transformer().effective_guarantees(rule.parsed_options())
    except UnknownTransformerError:
        raise MissingLeakPolicy(f"{rule.type} is not a known rule type") from None
    if guarantees.leak_check in _BY_GUARANTEE:
        return _BY_GUARANTEE[guarantees.leak_check]
    raise MissingLeakPolicy(f"{rule.type} has no leak policy; its output cannot be checked")


def survivors(policy: LeakPolicy, original: pa.Array, masked: pa.Array, options: dict[str, Any]) -> int:
    """Outputs that count against the policy (before any allowance for chance)."""
    if policy.kind == "entities_only":
        return 0
    if masked.type != original.type:
        masked = masked.cast(original.type)
    if policy.kind == "any_original":
        hits = pc.is_in(masked, value_set=original.drop_null().unique())
        return int(pc.sum(pc.fill_null(hits, False)).as_py() or 0)
    same = _equal_rows(original, masked)
    if policy.legit is not None:
        same = pc.and_(same, pc.invert(policy.legit(original, options)))
    return int(pc.sum(same).as_py() or 0)


def entity_survivors(original: pa.Array, masked: pa.Array, sample: int) -> int:
    """Rows (of an evenly spread sample) where an entity of the source value is still in the output."""
    from tdm_agents.masking.source_entities import surviving_entities

    rows = np.flatnonzero(pc.and_(original.is_valid(), masked.is_valid()).to_numpy(zero_copy_only=False))
    if len(rows) > sample:
        rows = rows[np.linspace(0, len(rows) - 1, sample).astype(np.int64)]
    picks = pa.array(rows, pa.int64())
    before = pc.cast(original.take(picks), pa.string()).to_pylist()
    after = pc.cast(masked.take(picks), pa.string()).to_pylist()
    return sum(1 for b, a in zip(before, after, strict=True) if surviving_entities(b, a))
