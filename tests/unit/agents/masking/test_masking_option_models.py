"""Rule options refuse bad input on their own: unknown rule types and options, wrong types,
out-of-range numbers, non-scalar constants and unsafe regular expressions — property-based over
every option model, plus the cases a hostile-input probe found."""

from __future__ import annotations

import time
from functools import cache

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from tdm_agents.masking.rules import RuleValidationError, parse_rule_set
from tdm_agents.masking.transformers import get_transformer, list_transformers, rule_specs, rules_body_type
from tdm_agents.masking.transformers.basic import constant_problem

NAMES = sorted(info.name for info in list_transformers())
BIGINT = 2**63 - 1
_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats()
    | st.text(max_size=20)
)
_json = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@cache  # one strategy per rule type: hypothesis validates and caches a strategy object once
def _options_for(name: str) -> st.SearchStrategy[dict]:
    fields = sorted(get_transformer(name).options_model.model_fields)
    keys = st.sampled_from(fields) | st.text(max_size=12) if fields else st.text(max_size=12)
    return st.dictionaries(keys, _json, max_size=4)


def _ints(value: object) -> list[int]:
    if isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [value]
    if isinstance(value, dict):
        return [i for v in value.values() for i in _ints(v)]
    if isinstance(value, list):
        return [i for v in value for i in _ints(v)]
    return []


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_options_are_either_a_valid_model_or_a_validation_error(name, data):
    transformer = get_transformer(name)
    raw = data.draw(_options_for(name))
    try:
        parsed = transformer.parse_options(raw)
    except ValidationError:
        return
    dumped = parsed.model_dump(mode="json")
    assert transformer.parse_options(dumped) == parsed, "accepted options round-trip"
    assert all(-(2**63) <= i <= BIGINT for i in _ints(dumped)), "every accepted integer fits a bigint"
    spec = rule_specs()[name]
    assert spec.model_validate({"type": name, "options": raw}).options == parsed, "the schema model agrees"


@pytest.mark.parametrize(
    ("rule", "field", "words"),
    [
        ("mask.nonexistent", "c.x", "unknown rule type 'mask.nonexistent'; allowed: mask.email_deterministic"),
        ({"type": "os.system", "options": {"cmd": "id"}}, "c.x", "unknown rule type 'os.system'"),
        ({"type": "mask.generalize", "options": {"mode": "prefix", "prefix_length": "abc"}},
         "c.x.options.prefix_length", "valid integer"),
        ({"type": "mask.generalize", "options": {"mode": "prefix", "prefix_length": -5}},
         "c.x.options.prefix_length", "greater than or equal to 0"),
        ({"type": "mask.generalize", "options": {"mode": "prefix", "prefix_length": 10**16}},
         "c.x.options.prefix_length", "less than or equal to 64"),
        ({"type": "mask.fpe_digits", "options": {"tweak_label": ["x"]}}, "c.x.options.tweak_label", "valid string"),
        ({"type": "mask.email_deterministic", "options": {"domain_policy": 5}},
         "c.x.options.domain_policy", "'keep', 'fixed' or 'hashed'"),
        ({"type": "mask.hash", "options": {"bogus_option": 1}}, "c.x.options",
         "unknown option(s) bogus_option; allowed options: length, max_value, min_value, output"),
        ({"type": "mask.hash", "options": {"output": "integer_range", "max_value": 2**70}},
         "c.x.options.max_value", "less than or equal to 9223372036854775807"),
        ({"type": "mask.constant", "options": {"value": {"nested": [1, 2]}}}, "c.x.options.value",
         "string (at most 1000 characters), an integer within bigint range"),
        ({"type": "mask.regex_replace", "options": {"pattern": r"(a)\1"}}, "c.x.options.pattern", "not a valid RE2"),
        ({"type": "mask.json_path", "options": {"paths": ["$.a"], "rule": {"type": "mask.shuffle"}}},
         "c.x.options.rule", "does not match any of the expected tags"),
        ({"type": "mask.json_path", "options": {"paths": ["$.a"], "rule": {"type": "mask.nope"}}},
         "c.x.options.rule", "does not match any of the expected tags"),
        ({"type": "mask.fake_ip", "options": {"ipv4_network": "fd00::/8"}}, "c.x.options.ipv4_network", "IPv4"),
        ({"type": "mask.noise", "options": {"amount": float("inf")}}, "c.x.options.amount", "finite"),
    ],
)  # fmt: skip
def test_each_class_of_bad_rule_is_named_by_rule_and_field(rule, field, words):
    with pytest.raises(RuleValidationError) as exc:
        parse_rule_set({"c.x": rule})
    assert any(p["field"] == field and words in p["message"] for p in exc.value.problems), exc.value.problems


def test_every_problem_of_a_rule_set_is_reported_at_once():
    with pytest.raises(RuleValidationError) as exc:
        parse_rule_set([
            {"table": "c", "column": "a", "type": "mask.nope"},
            {"table": "c", "column": "b", "type": "mask.partial", "options": {"keep_last": -1}},
            {"table": "c", "column": "c", "type": "mask.hash", "extra": 1},
            5,
        ])  # fmt: skip
    fields = [p["field"] for p in exc.value.problems]
    assert fields == ["rules[2].extra", "rules[3]", "c.a", "c.b.options.keep_last"]


def test_the_schema_union_refuses_what_the_parser_refuses():
    adapter = TypeAdapter(rules_body_type())
    for bad in ({"c.x": "mask.nope"}, {"c.x": {"type": "mask.hash", "options": {"length": 2}}}, 5,
                [{"table": "c", "column": "x", "type": "mask.hash", "options": {"bogus": 1}}]):  # fmt: skip
        with pytest.raises(ValidationError):
            adapter.validate_python(bad)
    good = {"c.x": "mask.hash", "c.y": {"type": "mask.partial", "options": {"keep_last": 2}}}
    adapter.validate_python(good)
    parse_rule_set(good)
    schema = adapter.json_schema()
    listed = schema["oneOf"][1]["items"]
    assert listed["discriminator"]["propertyName"] == "type"
    assert len(listed["oneOf"]) == len(NAMES)


@pytest.mark.parametrize(
    ("value", "category", "fits"),
    [
        ("n/a", "string", True), (7, "integer", True), (2.5, "integer", False), ("x", "integer", False),
        ("2024-01-31", "date", True), ("soon", "date", False), (True, "boolean", True), (1, "boolean", False),
        (True, "string", False), ("[1]", "array", False), (None, "array", True),
    ],
)  # fmt: skip
def test_a_constant_must_fit_the_column_it_replaces(value, category, fits):
    assert (constant_problem(value, category) is None) == fits


def test_constant_null_on_a_not_null_column_is_refused():
    constant = get_transformer("mask.constant")
    options = constant.parse_options({"value": None})
    assert "NOT NULL" in constant.column_problem(options, "string", nullable=False)


def test_catastrophic_backtracking_pattern_runs_in_linear_time():
    """`(a+)+$` backtracks exponentially in Python's `re`; under RE2 it is one linear pass."""
    transformer = get_transformer("mask.regex_replace")
    options = transformer.parse_options({"pattern": "(a+)+$", "replacement": "#"})
    values = pa.array(["a" * 200_000 + "!"] * 20 + ["aaaa"])
    started = time.perf_counter()
    masked = transformer.transform(values, options, None, None)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - started
    assert masked[-1].as_py() == "#" and masked[0].as_py().endswith("!")
    assert elapsed < 2.0, f"{elapsed:.2f}s for 4 MB of adversarial text"
