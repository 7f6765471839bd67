"""Turn PII findings into a masking rule set the masking agent accepts.

Keys are `<table>.<column>` with the table named as datasets name it (bare in `public`, else
`schema.table`); each value is a rule `{"type": "mask.<transformer>", "options": {...}}` in the
form `tdm_agents.masking.rules.parse_rule_set` reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tdm_agents.pii_detection.models import PiiFinding
from tdm_metadata_store.snapshot import table_key

# National ids made of digits keep their format; the others (letters, check letters) are hashed.
_DIGIT_NATIONAL_IDS = frozenset({"us_ssn", "ca_sin", "nl_bsn", "fr_nir", "in_aadhaar"})
_NAME_RULES = {"first_name": "mask.fake_first_name", "last_name": "mask.fake_last_name"}

RULES_BY_TYPE: dict[str, dict[str, Any]] = {
    "email": {"type": "mask.email_deterministic"},
    "credit_card": {"type": "mask.fpe_pan"},
    # FPE over digits leaves separators where they are: '+1 (555) 010-2030' keeps its layout.
    "phone": {"type": "mask.fpe_digits", "options": {"tweak_label": "phone"}},
    "person_name": {"type": "mask.fake_name"},
    "street_address": {"type": "mask.fake_address"},
    "national_id": {"type": "mask.hash"},
    "iban": {"type": "mask.fpe_alnum"},
    "bank_account": {"type": "mask.fpe_alnum"},
    "date_of_birth": {"type": "mask.date_shift"},
    "ip_address": {"type": "mask.fake_ip"},
    "mac_address": {"type": "mask.hash"},
    "geolocation": {"type": "mask.noise", "options": {"mode": "absolute", "amount": 0.01}},
    "free_text_pii": {"type": "mask.redact"},
    "password_hash": {"type": "mask.hash"},
    "photo": {"type": "mask.null"},
    "username": {"type": "mask.hash"},
    "postcode": {"type": "mask.generalize", "options": {"mode": "prefix", "prefix_length": 2}},
    "city": {"type": "mask.generalize", "options": {"mode": "prefix", "prefix_length": 1}},
}


def rule_for(finding: PiiFinding) -> dict[str, Any]:
    """The masking rule for one finding."""
    if finding.pii_type == "person_name" and finding.subtype in _NAME_RULES:
        return {"type": _NAME_RULES[finding.subtype]}
    if finding.pii_type == "national_id" and finding.subtype in _DIGIT_NATIONAL_IDS:
        return {"type": "mask.fpe_digits", "options": {"tweak_label": "national_id"}}
    rule = RULES_BY_TYPE[finding.pii_type]
    return {key: dict(value) if isinstance(value, dict) else value for key, value in rule.items()}


def suggest_masking_rules(findings: Iterable[PiiFinding]) -> dict[str, dict[str, Any]]:
    """{"<table>.<column>": {"type": "mask.…", …}} for every finding, in a stable order."""
    rules = {f"{table_key(f.schema_name, f.table)}.{f.column}": rule_for(f) for f in findings}
    return dict(sorted(rules.items()))
