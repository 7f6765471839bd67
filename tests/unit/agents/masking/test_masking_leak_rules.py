"""Every registered rule type has a leak check that passes its correct output and catches a planted survivor.

The cases below are keyed by rule type and the test runs over the registry: a new rule type without
a case (and so without a policy that was shown to catch leaks) fails here.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from tdm_agents.masking.engine import mask_table
from tdm_agents.masking.leak_rules import MissingLeakPolicy, poisson_allowance, policy_for
from tdm_agents.masking.rules import ResolvedRule
from tdm_agents.masking.transformers.registry import get_transformer, list_transformers
from tdm_agents.masking.validator import check_column
from tests.unit.agents.masking.masking_support import context

ROWS = 200


def _luhn(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return body + str((10 - total % 10) % 10)


@dataclass
class Case:
    values: pa.Array
    category: str
    options: dict[str, Any] = field(default_factory=dict)
    # beyond_chance policies: one coincidence is what chance gives; plant a share of the rows.
    planted: int = 1


_NAMES = pa.array([f"Kundin{i:03d} Beispiel" for i in range(ROWS)])
_TEXT = pa.array([f"Order {i} placed, reply to buyer{i}@shop.example soon" for i in range(ROWS)])
CASES: dict[str, Case] = {
    "mask.email_deterministic": Case(pa.array([f"user{i}@mail.example" for i in range(ROWS)]), "string"),
    "mask.fpe_pan": Case(pa.array([_luhn(f"411111{i:09d}") for i in range(ROWS)]), "string"),
    "mask.tokenize": Case(_NAMES, "string"),
    "mask.null": Case(_NAMES, "string"),
    "mask.redact": Case(_NAMES, "string"),
    "mask.hash": Case(_NAMES, "string"),
    "mask.fpe_digits": Case(pa.array([f"55501{i:05d}" for i in range(ROWS)]), "string"),
    "mask.fpe_alnum": Case(pa.array([f"AB{i:06d}X" for i in range(ROWS)]), "string"),
    "mask.fake_name": Case(_NAMES, "string", planted=ROWS // 10),
    "mask.fake_first_name": Case(_NAMES, "string", planted=ROWS // 10),
    "mask.fake_last_name": Case(_NAMES, "string", planted=ROWS // 10),
    "mask.fake_address": Case(_NAMES, "string", planted=ROWS // 10),
    "mask.fake_phone": Case(_NAMES, "string", planted=ROWS // 10),
    "mask.fake_company": Case(_NAMES, "string", planted=ROWS // 10),
    "mask.date_shift": Case(
        pa.array([dt.date(2020, 1, 1) + dt.timedelta(days=i) for i in range(ROWS)]), "date"
    ),
    "mask.noise": Case(
        pa.array([1000 + 37 * i for i in range(ROWS)], pa.int64()), "integer", planted=ROWS // 10
    ),  # fmt: skip
    "mask.partial": Case(pa.array([f"ACCT-{i:08d}" for i in range(ROWS)]), "string"),
    "mask.generalize": Case(
        pa.array([dt.date(2020, 1 + i % 12, 15) for i in range(ROWS)]), "date", {"mode": "month"}
    ),
    "mask.regex_replace": Case(
        _TEXT, "string", {"pattern": r"[a-z0-9]+@[a-z.]+", "replacement": "someone@example.invalid"}
    ),
    "mask.json_path": Case(
        pa.array([json.dumps({"email": f"buyer{i}@shop.example", "plan": "gold"}) for i in range(ROWS)]),
        "json",
        {"paths": ["$.email"], "rule": {"type": "mask.email_deterministic"}},
    ),
    "mask.shuffle": Case(pa.array(range(ROWS), pa.int64()), "integer", planted=ROWS // 10),
    "mask.constant": Case(_NAMES, "string", {"value": "hidden"}),
    "mask.fake_ip": Case(pa.array([f"192.168.{i // 250}.{i % 250}" for i in range(ROWS)]), "network"),
}


def _rule(type_name: str, case: Case) -> ResolvedRule:
    transformer = get_transformer(type_name)
    options = transformer.resolve_options(transformer.parse_options(case.options), False)
    return ResolvedRule(
        table="t", column="c", type=type_name, options=options.model_dump(mode="json"), category=case.category
    )


def _masked(rule: ResolvedRule, values: pa.Array) -> pa.Array:
    batch = pa.RecordBatch.from_arrays([values], names=["c"])
    out = list(mask_table("t", [batch], [rule], context()))
    return pa.Table.from_batches(out).column("c").combine_chunks()


def _plant(original: pa.Array, masked: pa.Array, rows: int) -> pa.Array:
    """The masked column with the original value put back in `rows` rows (not fixed points)."""
    keep = np.zeros(len(original), dtype=bool)
    keep[np.linspace(1, len(original) - 1, rows).astype(np.int64)] = True
    return pc.if_else(pa.array(keep), original, masked.cast(original.type))


@pytest.mark.parametrize("type_name", sorted(info.name for info in list_transformers()))
def test_each_rule_type_passes_its_output_and_catches_a_planted_survivor(type_name: str) -> None:
    assert type_name in CASES, f"{type_name} has no leak-check case: add one (and a policy)"
    case = CASES[type_name]
    rule = _rule(type_name, case)
    policy_for(rule)  # raises when the type has no leak policy
    masked = _masked(rule, case.values)

    clean = check_column(rule, case.values, masked)
    assert clean is not None and not clean.leaked, (type_name, clean)

    leaky = check_column(rule, case.values, _plant(case.values, masked, case.planted))
    assert leaky is not None and leaky.leaked, (type_name, leaky)


def test_a_rule_type_without_a_policy_is_reported_unchecked() -> None:
    rule = _rule("mask.hash", CASES["mask.hash"]).model_copy(update={"type": "mask.unheard_of"})
    with pytest.raises(MissingLeakPolicy):
        policy_for(rule)


def test_chance_allowance_grows_with_expected_coincidences() -> None:
    assert poisson_allowance(0.0) == 0
    assert 1 <= poisson_allowance(1.0) <= 8  # a random permutation has about one fixed point
    assert poisson_allowance(100.0) < 150


def test_a_shuffle_that_keeps_rows_in_place_leaks_but_one_fixed_point_does_not() -> None:
    case = CASES["mask.shuffle"]
    rule = _rule("mask.shuffle", case)
    identity = check_column(rule, case.values, case.values)
    assert identity is not None and identity.leaked
    one = _plant(case.values, pa.array(np.roll(np.arange(ROWS), 1), pa.int64()), 1)
    report = check_column(rule, case.values, one)
    assert report is not None and not report.leaked


def test_generalize_allows_values_already_at_its_granularity() -> None:
    firsts = pa.array([dt.date(2020, 1 + i % 12, 1) for i in range(ROWS)])
    rule = _rule("mask.generalize", CASES["mask.generalize"])
    report = check_column(rule, firsts, _masked(rule, firsts))
    assert report is not None and not report.leaked and report.exact_matches == 0


def test_free_text_keeping_a_source_name_is_a_leak() -> None:
    text = pa.array([f"Customer Anna Schmidt called about order {i}" for i in range(ROWS)])
    rule = _rule("mask.regex_replace", Case(text, "string", {"pattern": r"order \d+", "replacement": "x"}))
    report = check_column(rule, text, _masked(rule, text))
    assert report is not None and report.entity_survivors > 0 and report.leaked
