"""Every rule type: determinism, shape, uniqueness, NULL handling and type errors."""

from __future__ import annotations

import datetime as dt
import json
import re

import numpy as np
import pyarrow as pa
import pytest
from pydantic import ValidationError

from tdm_agents.masking.engine import MaskingError, _Step, mask_column
from tdm_agents.masking.fpe.luhn import luhn_valid
from tdm_agents.masking.rules import ResolvedRule
from tdm_agents.masking.transformers import get_transformer, list_transformers
from tdm_agents.masking.transformers.tokenize import detokenize
from tests.unit.agents.masking.masking_support import context

EMAIL_RE = re.compile(r"^[a-z0-9._-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$")


def run(
    rule_type: str,
    values: pa.Array,
    options: dict | None = None,
    ctx=None,
    table="t",
    unique=False,
    batch=None,
):
    transformer = get_transformer(rule_type)
    parsed = transformer.resolve_options(transformer.parse_options(options or {}), unique)
    rule = ResolvedRule(
        table=table,
        column="c",
        type=rule_type,
        options=parsed.model_dump(mode="json"),
        category="string",
        unique=unique,
    )
    return mask_column(values, _Step(rule, transformer, parsed), batch, ctx or context()).to_pylist()


def test_catalogue_lists_every_type_with_options_and_guarantees() -> None:
    infos = {i.name: i for i in list_transformers()}
    assert len(infos) == 23
    assert infos["mask.fpe_pan"].guarantees.reversible
    assert "string" in infos["mask.email_deterministic"].arrow_types
    schema = infos["mask.hash"].to_dict()["options_schema"]
    assert schema["properties"]["output"]["default"] == "hex"


def test_email_is_deterministic_valid_and_unique_across_tables_and_calls() -> None:
    emails = pa.array([f"Person.{i}@Example.org" for i in range(500)] + [None])
    first = run("mask.email_deterministic", emails, table="customers")
    again = run("mask.email_deterministic", pa.array(["person.7@example.org"]), table="orders")
    assert first[7] == again[0]
    assert first[-1] is None
    assert all(EMAIL_RE.match(e) for e in first[:-1])
    assert len(set(first[:-1])) == 500
    kept = run("mask.email_deterministic", emails, {"domain_policy": "keep"})
    assert all(e.endswith("@example.org") for e in kept[:-1])
    hashed = run("mask.email_deterministic", emails, {"domain_policy": "hashed"})
    assert all(e.endswith(".example.net") and EMAIL_RE.match(e) for e in hashed[:-1])


def test_email_depends_on_the_key() -> None:
    values = pa.array(["a@b.com"])
    assert run("mask.email_deterministic", values, ctx=context("k1")) != run(
        "mask.email_deterministic", values, ctx=context("k2")
    )


def _luhn(text: str) -> bool:
    digits = np.array([[int(c) for c in text if c.isdigit()]], dtype=np.uint8)
    return bool(luhn_valid(digits)[0])


def _card(i: int) -> str:
    body = f"411111{i:09d}"
    total = sum(int(d) if k % 2 else sum(divmod(int(d) * 2, 10)) for k, d in enumerate(reversed(body)))
    return body + str((10 - total % 10) % 10)


def test_pan_keeps_length_bin_separators_and_is_luhn_valid_and_unique() -> None:
    cards = [_card(i) for i in range(2000)]
    assert all(_luhn(c) for c in cards)
    out = run("mask.fpe_pan", pa.array(cards + ["4111-1111-1111-1111", None]))
    masked, dashed, null = out[:2000], out[2000], out[2001]
    assert null is None
    assert all(len(m) == 16 and m.startswith("411111") and _luhn(m) for m in masked)
    assert len(set(masked)) == 2000 and set(masked) != set(cards)
    assert re.fullmatch(r"4111-11\d\d-\d{4}-\d{4}", dashed)
    assert _luhn(dashed)


def test_pan_can_keep_last_four_and_stay_luhn_valid() -> None:
    cards = [_card(i) for i in range(300)]
    out = run("mask.fpe_pan", pa.array(cards), {"keep_last4": True})
    assert all(m[-4:] == c[-4:] and m[:6] == c[:6] and _luhn(m) for m, c in zip(out, cards, strict=True))
    assert len(set(out)) == 300


def test_fpe_digits_keeps_separators_and_is_reversible_bijection() -> None:
    phones = [f"+1 (555) {i:03d}-{i * 7 % 10000:04d}" for i in range(1000)]
    out = run("mask.fpe_digits", pa.array(phones))
    assert all(re.sub(r"\d", "9", o) == re.sub(r"\d", "9", p) for o, p in zip(out, phones, strict=True))
    assert len(set(out)) == len(set(phones))
    assert out == run("mask.fpe_digits", pa.array(phones))


def test_fpe_alnum_keeps_case_class_when_asked() -> None:
    codes = [f"AB-{i:05d}-ZQ" for i in range(200)]
    out = run("mask.fpe_alnum", pa.array(codes), {"charset": "upper_alnum"})
    assert all(re.fullmatch(r"[0-9A-Z]{2}-[0-9A-Z]{5}-[0-9A-Z]{2}", o) for o in out)
    assert len(set(out)) == 200


def test_tokenize_round_trips_through_the_vault() -> None:
    ctx = context()
    values = ["4111111111111111", "secret-2", "secret-2", None]
    tokens = run("mask.tokenize", pa.array(values), ctx=ctx)
    assert tokens[1] == tokens[2] and tokens[3] is None and tokens[0].startswith("tok_")
    sink = ctx.token_sink
    assert detokenize(tokens, sink.lookup, ctx.keyring) == values
    assert "4111111111111111" not in repr(sink.pairs)


def test_null_and_constant_and_redact() -> None:
    values = pa.array(["alpha", None, "be"])
    assert run("mask.null", values) == [None, None, None]
    assert run("mask.constant", values, {"value": "n/a"}) == ["n/a", None, "n/a"]
    assert run("mask.constant", values, {"value": "n/a", "keep_nulls": False}) == ["n/a"] * 3
    assert run("mask.redact", values) == ["REDACTED", None, "REDACTED"]
    assert run("mask.redact", values, {"mode": "keep_length"}) == ["XXXXX", None, "XX"]


@pytest.mark.parametrize(
    ("output", "pattern"),
    [
        ("hex", r"[0-9a-f]{64}"),
        ("base64", r"[A-Za-z0-9_-]{40}"),
        ("truncated", r"[0-9a-f]{16}"),
        ("uuid", r"[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
    ],
)
def test_hash_output_shapes(output: str, pattern: str) -> None:
    out = run("mask.hash", pa.array(["x", "y", None, "x"]), {"output": output})
    assert all(re.fullmatch(pattern, o) for o in (out[0], out[1]))
    assert out[0] == out[3] and out[0] != out[1] and out[2] is None


def test_hash_integer_range_keeps_integer_type() -> None:
    values = pa.array([1, 2, 3, None], pa.int32())
    out = run("mask.hash", values, {"output": "integer_range", "min_value": 100, "max_value": 200})
    assert all(100 <= v <= 200 for v in out[:3]) and out[3] is None


def test_fakes_are_deterministic_locale_aware_and_unique_on_unique_columns() -> None:
    names = pa.array([f"name-{i}" for i in range(400)])
    first = run("mask.fake_name", names)
    assert first == run("mask.fake_name", names)
    assert len(set(first)) < 400
    unique = run("mask.fake_name", names, unique=True)
    assert len(set(unique)) == 400
    german = run("mask.fake_last_name", names, {"locale": "de_DE"})
    assert german != run("mask.fake_last_name", names)
    for kind in ("mask.fake_first_name", "mask.fake_address", "mask.fake_phone", "mask.fake_company"):
        out = run(kind, pa.array(["a", None]))
        assert out[0] and out[1] is None and "\n" not in out[0]
    with pytest.raises(ValidationError):
        get_transformer("mask.fake_name").parse_options({"locale": "xx_YY"})


def test_date_shift_is_consistent_per_entity_and_keeps_weekday_or_month() -> None:
    days = [dt.date(2024, 1, 1) + dt.timedelta(days=i) for i in range(60)]
    entity = pa.array([i % 3 for i in range(60)])
    batch = pa.record_batch({"c": pa.array(days), "customer_id": entity})
    out = run("mask.date_shift", batch.column(0), {"entity_column": "customer_id"}, batch=batch)
    shifts = {(o - d).days for o, d, e in zip(out, days, entity.to_pylist(), strict=True) if e == 1}
    assert len(shifts) == 1 and 0 not in shifts
    weekday = run("mask.date_shift", pa.array(days), {"keep": "weekday", "range_days": 60})
    assert all(o.weekday() == d.weekday() and o != d for o, d in zip(weekday, days, strict=True))
    month = run("mask.date_shift", pa.array(days), {"keep": "month"})
    assert all(o.month == d.month and o.year == d.year and o != d for o, d in zip(month, days, strict=True))
    stamps = pa.array([dt.datetime(2024, 5, 1, 12, 30)], pa.timestamp("us"))
    assert run("mask.date_shift", stamps)[0].time() == dt.time(12, 30)


def test_noise_is_bounded_deterministic_and_keeps_integers() -> None:
    values = pa.array(np.arange(1, 1001, dtype=np.int64))
    out = np.array(run("mask.noise", values, {"mode": "relative", "amount": 0.1}))
    assert np.all(np.abs(out - np.arange(1, 1001)) <= np.ceil(0.1 * np.arange(1, 1001)))
    floats = run("mask.noise", pa.array([10.0, 10.0, None]), {"mode": "absolute", "amount": 2})
    assert floats[0] == floats[1] and abs(floats[0] - 10) <= 2 and floats[2] is None


def test_partial_generalize_and_regex() -> None:
    assert run("mask.partial", pa.array(["4111111111111111", "abc", None]), {"keep_last": 4}) == [
        "************1111", "***", None,
    ]  # fmt: skip
    assert run("mask.generalize", pa.array(["SW1A 1AA"]), {"mode": "prefix", "prefix_length": 3}) == ["SW1"]
    assert run("mask.generalize", pa.array(["SW1A 1AA"]), {"mode": "prefix", "fill_char": "*"}) == [
        "SW1*****"
    ]
    assert run("mask.generalize", pa.array([37, 41, None]), {"mode": "bucket", "bucket_width": 10}) == [
        30,
        40,
        None,
    ]
    assert run("mask.generalize", pa.array([dt.date(2024, 5, 17)]), {"mode": "month"}) == [
        dt.date(2024, 5, 1)
    ]
    assert run("mask.generalize", pa.array([dt.date(2024, 5, 17)]), {"mode": "year"}) == [dt.date(2024, 1, 1)]
    assert run(
        "mask.regex_replace", pa.array(["call 555-1234 now"]), {"pattern": r"\d", "replacement": "#"}
    ) == ["call ###-#### now"]
    with pytest.raises(ValidationError):
        get_transformer("mask.regex_replace").parse_options({"pattern": "(unclosed"})


def test_json_path_masks_inside_documents_like_the_plain_rule() -> None:
    docs = pa.array([json.dumps({"email": "a@b.com", "contacts": [{"email": "c@d.com"}], "n": 1}), None])
    out = run(
        "mask.json_path",
        docs,
        {"paths": ["$.email", "$.contacts[*].email"], "rule": {"type": "mask.email_deterministic"}},
    )
    parsed = json.loads(out[0])
    plain = run("mask.email_deterministic", pa.array(["a@b.com", "c@d.com"]))
    assert parsed["email"] == plain[0] and parsed["contacts"][0]["email"] == plain[1] and parsed["n"] == 1
    assert out[1] is None
    with pytest.raises(ValidationError):
        get_transformer("mask.json_path").parse_options({"paths": ["email"], "rule": {"type": "mask.hash"}})
    with pytest.raises(ValidationError):
        get_transformer("mask.json_path").parse_options({"paths": ["$.a"], "rule": {"type": "mask.shuffle"}})


def test_shuffle_permutes_values_and_keeps_nulls_in_place() -> None:
    values = pa.array(list(range(100)) + [None])
    out = run("mask.shuffle", values)
    assert sorted(out[:100]) == list(range(100)) and out[:100] != list(range(100)) and out[100] is None


def test_wrong_arrow_type_is_refused() -> None:
    with pytest.raises(MaskingError):
        run("mask.email_deterministic", pa.array([1, 2]))
    assert get_transformer("mask.hash").column_problem(
        get_transformer("mask.hash").parse_options({}), "integer", True
    )
    assert get_transformer("mask.email_deterministic").column_problem(
        get_transformer("mask.email_deterministic").parse_options({}), "date", True
    )


def test_fake_ip_gives_valid_addresses_of_the_same_family_deterministically() -> None:
    import ipaddress

    values = pa.array(["192.0.2.7", "2001:db8::1", "198.51.100.0/24", None, "192.0.2.7"])
    out = run("mask.fake_ip", values)
    assert out[0] == out[4] and out[3] is None
    assert ipaddress.ip_address(out[0]) in ipaddress.ip_network("10.0.0.0/8")
    assert ipaddress.ip_address(out[1]).version == 6
    assert out[2].endswith("/24") and ipaddress.ip_network(out[2], strict=False)
    assert out[0] != "192.0.2.7"


def test_types_that_must_stay_valid_refuse_rules_that_break_them() -> None:
    from tdm_agents.masking import get_transformer

    hash_rule = get_transformer("mask.hash")
    assert hash_rule.column_problem(hash_rule.parse_options({}), "network", True)
    assert hash_rule.column_problem(hash_rule.parse_options({}), "uuid", True)
    assert hash_rule.column_problem(hash_rule.parse_options({"output": "uuid"}), "uuid", True) is None
    tokenize = get_transformer("mask.tokenize")
    assert tokenize.column_problem(tokenize.parse_options({}), "enum", True)
