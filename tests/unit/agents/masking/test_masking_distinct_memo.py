"""Speed paths of the masking engine give the same bytes as the plain paths.

The keyed hash is checked against the standard library's HMAC; the cross-batch memo of outputs is
checked against the engine with the memo switched off, over batches that repeat values.
"""

from __future__ import annotations

import hashlib
import hmac

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from tdm_agents.masking.distinct_memo import DistinctMemo
from tdm_agents.masking.engine import _Step, mask_column
from tdm_agents.masking.keyed_hash import KeyedHash
from tdm_agents.masking.rules import ResolvedRule
from tdm_agents.masking.transformers import get_transformer
from tests.unit.agents.masking.masking_support import context

MEMO_RULES = [
    ("mask.hash", {}),
    ("mask.hash", {"output": "uuid"}),
    ("mask.email_deterministic", {"domain_policy": "hashed"}),
    ("mask.fake_name", {"unique_suffix": True}),
    ("mask.fpe_digits", {"tweak_label": "phone"}),
]


def _step(rule_type: str, options: dict, unique: bool = False) -> _Step:
    transformer = get_transformer(rule_type)
    parsed = transformer.parse_options(options)
    rule = ResolvedRule(
        table="t",
        column="c",
        type=rule_type,
        options=parsed.model_dump(mode="json"),
        category="string",
        unique=unique,
    )
    return _Step(rule, transformer, parsed)


def _emails(size: int, universe: int, seed: int) -> pa.Array:
    rng = np.random.default_rng(seed)
    ids = pc.cast(pa.array(rng.integers(0, universe, size=size)), pa.string())
    text = pc.binary_join_element_wise("Person.", ids, "@Mail.example.org", "")
    return pc.if_else(pa.array(rng.random(size) < 0.1), pa.nulls(size, pa.string()), text)


def _phones(size: int, universe: int, seed: int) -> pa.Array:
    ids = np.random.default_rng(seed).integers(0, universe, size=size) + 5_550_000
    return pc.binary_join_element_wise("+1 (212) ", pc.cast(pa.array(ids), pa.string()), "")


def _batches(rule_type: str) -> list[pa.Array]:
    make = _phones if rule_type == "mask.fpe_digits" else _emails
    return [make(700, 400, seed) for seed in range(5)]


@pytest.mark.parametrize("key_length", [16, 32, 64, 100])
def test_keyed_hash_matches_standard_hmac(key_length: int) -> None:
    key = bytes(range(7, 7 + key_length))
    messages = [b"", b"a", b"x" * 55, b"y" * 56, b"z" * 64, b"w" * 119, "é€".encode() * 40]
    digests = KeyedHash(key).digest_many(messages)
    assert digests.shape == (len(messages), 32)
    for row, message in zip(digests, messages, strict=True):
        assert bytes(row) == hmac.new(key, message, hashlib.sha256).digest()


def test_keyed_hash_of_nothing_is_an_empty_matrix() -> None:
    assert KeyedHash(b"k" * 32).digest_many([]).shape == (0, 32)


@pytest.mark.parametrize(("rule_type", "options"), MEMO_RULES)
def test_memo_gives_the_same_outputs_as_masking_each_batch_alone(rule_type: str, options: dict) -> None:
    step = _step(rule_type, options)
    remembered, plain = context(), context()
    plain.distinct_memo_bytes = 0
    for batch in _batches(rule_type):
        expected = mask_column(batch, step, None, plain)
        assert mask_column(batch, step, None, remembered).equals(expected)
    assert remembered.cached((*step.memo_key, "string"), lambda: None).size > 0


def test_memo_serves_dictionary_and_large_string_columns_alike() -> None:
    step = _step("mask.email_deterministic", {})
    ctx, plain = context(), context()
    plain.distinct_memo_bytes = 0
    for seed in range(3):
        batch = _emails(500, 300, seed)
        expected = mask_column(batch, step, None, plain)
        assert mask_column(batch.dictionary_encode(), step, None, ctx).equals(expected)
        large = mask_column(pc.cast(batch, pa.large_string()), step, None, ctx)
        assert large.equals(pc.cast(expected, pa.large_string()))


def test_memo_transforms_only_values_it_has_not_seen() -> None:
    memo = DistinctMemo(capacity_bytes=1 << 20)
    seen: list[list[str]] = []

    def upper(values: pa.Array) -> pa.Array:
        seen.append(values.to_pylist())
        return pc.utf8_upper(values)

    first = memo.apply(pa.array(["a", "b", "a", None]), upper)
    second = memo.apply(pa.array(["b", "c", "a", "c"]), upper)
    assert first.to_pylist() == ["A", "B", "A", None]
    assert second.to_pylist() == ["B", "C", "A", "C"]
    assert seen == [["a", "b"], ["c"]]


def test_memo_switches_itself_off_when_batches_share_nothing() -> None:
    memo = DistinctMemo(capacity_bytes=1 << 20)
    for start in range(0, 3000, 1000):
        values = pc.cast(pa.array(np.arange(start, start + 1000)), pa.string())
        assert memo.apply(values, pc.utf8_upper).equals(values)
    assert not memo.enabled
    assert memo.size == 0


def test_memo_stays_within_its_memory_budget() -> None:
    memo = DistinctMemo(capacity_bytes=40_000)
    rng = np.random.default_rng(3)
    for _ in range(6):
        values = pc.cast(pa.array(rng.integers(0, 4000, size=2000)), pa.string())
        masked = memo.apply(values, lambda v: pc.binary_join_element_wise(v, "-masked", ""))
        assert masked.equals(pc.binary_join_element_wise(values, "-masked", ""))
        stored = 0 if memo.inputs is None else memo.inputs.nbytes + memo.outputs.nbytes
        assert stored <= 40_000


def test_rules_with_side_effects_are_not_remembered() -> None:
    assert not get_transformer("mask.tokenize").remembers_outputs
    assert get_transformer("mask.hash").remembers_outputs
