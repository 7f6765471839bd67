"""Rule sets: the three input forms, validation problems, FK propagation and conflicts; keys."""

from __future__ import annotations

import base64

import pytest

from tdm_agents.masking.keys import MaskingKeyError, load_keyring
from tdm_agents.masking.rules import RuleValidationError, parse_rule_set, validate_rules
from tdm_agents.masking.settings import MaskingSettings
from tests.unit.agents.masking.masking_support import KEY_A, shop_schema


def _fields(exc: pytest.ExceptionInfo[RuleValidationError]) -> set[str]:
    return {p["field"] for p in exc.value.problems}


def test_short_full_and_list_forms_parse_alike() -> None:
    short = parse_rule_set({"customers.email": "mask.email_deterministic"})
    full = parse_rule_set({"customers.email": {"type": "mask.email_deterministic", "options": {}}})
    listed = parse_rule_set([{"table": "customers", "column": "email", "type": "mask.email_deterministic"}])
    assert short == full == listed
    assert parse_rule_set({"sales.orders.email": "mask.hash"})[0].table == "sales.orders"


def test_rule_on_a_key_is_propagated_transitively_to_foreign_keys() -> None:
    rules = validate_rules({"customers.email": "mask.email_deterministic"}, shop_schema())
    by_target = {r.target: r for r in rules}
    assert set(by_target) == {"customers.email", "orders.customer_email", "audit.order_email"}
    assert by_target["audit.order_email"].source == "foreign_key"
    assert by_target["audit.order_email"].derived_from == "customers.email"
    assert by_target["orders.customer_email"].options == by_target["customers.email"].options


def test_unknown_table_column_type_and_bad_options_are_reported_together() -> None:
    with pytest.raises(RuleValidationError) as exc:
        validate_rules(
            {
                "nope.x": "mask.hash",
                "customers.missing": "mask.hash",
                "customers.name": "mask.unknown",
                "customers.phone": {"type": "mask.hash", "options": {"output": "octal"}},
                "customers.dob": "mask.email_deterministic",
            },
            shop_schema(),
        )
    fields = _fields(exc)
    assert {"nope.x", "customers.missing", "customers.name", "customers.dob"} <= fields
    assert any(f.startswith("customers.phone.options") for f in fields)


def test_conflicting_rule_on_a_foreign_key_is_an_error() -> None:
    with pytest.raises(RuleValidationError) as exc:
        validate_rules(
            {"customers.email": "mask.email_deterministic", "orders.customer_email": "mask.hash"},
            shop_schema(),
        )
    assert "orders.customer_email" in _fields(exc)


def test_masking_only_the_foreign_key_would_orphan_rows() -> None:
    with pytest.raises(RuleValidationError) as exc:
        validate_rules({"orders.customer_email": "mask.hash"}, shop_schema())
    assert "orders.customer_email" in _fields(exc)


def test_non_injective_rule_on_a_referenced_key_is_refused() -> None:
    with pytest.raises(RuleValidationError) as exc:
        validate_rules({"customers.email": "mask.redact"}, shop_schema())
    assert "customers.email" in _fields(exc)


def test_null_rule_needs_a_nullable_column_and_entity_column_must_exist() -> None:
    with pytest.raises(RuleValidationError) as exc:
        validate_rules(
            {
                "orders.id": "mask.null",
                "orders.placed": {"type": "mask.date_shift", "options": {"entity_column": "ghost"}},
            },
            shop_schema(),
        )
    assert _fields(exc) == {"orders.id", "orders.placed"}


def test_fake_on_a_unique_column_fixes_the_suffix_option_for_inherited_rules() -> None:
    rules = validate_rules({"customers.email": "mask.fake_company"}, shop_schema())
    assert all(r.options["unique_suffix"] is True for r in rules)


def test_keyring_from_settings_and_key_errors() -> None:
    ring = load_keyring(MaskingSettings(keys=f"k1:{KEY_A},k2:{KEY_A}", active_key="k2"))
    assert ring.active_key_id == "k2" and KEY_A not in repr(ring)
    assert ring.active.subkey("ff3") != ring.active.subkey("hmac")
    with pytest.raises(MaskingKeyError, match="TDM_MASKING_KEYS"):
        load_keyring(MaskingSettings(keys=None))
    short = base64.urlsafe_b64encode(b"x" * 16).decode()
    with pytest.raises(MaskingKeyError, match="at least 32") as exc:
        load_keyring(MaskingSettings(keys=f"k1:{short}"))
    assert short not in str(exc.value)
    with pytest.raises(MaskingKeyError):
        load_keyring(MaskingSettings(keys=f"k1:{KEY_A}", active_key="k9"))


def test_settings_read_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TDM_MASKING_KEYS", f"main:{KEY_A}")
    assert load_keyring().active_key_id == "main"
