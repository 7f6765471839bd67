"""Attribute types of form fields and test-case fields, from what little they say about themselves:
an HTML input type, a name, a pattern, and a few example values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tdm_agents.semantic import infer_semantic_type as shared_semantic_type
from tdm_agents.synthetic.naming import attribute_name
from tdm_agents.synthetic.schema_model import Attribute, AttributeType, SourceKind
from tdm_agents.synthetic.semantics import infer_semantic_type

_INPUT_TYPES: dict[str, tuple[AttributeType, str | None]] = {
    "email": ("string", "email"),
    "tel": ("string", "phone"),
    "url": ("string", "url"),
    "number": ("integer", None),
    "range": ("integer", None),
    "date": ("date", None),
    "datetime-local": ("datetime", None),
    "checkbox": ("boolean", None),
    "password": ("string", None),
    "text": ("string", None),
    "textarea": ("string", "text"),
    "search": ("string", None),
    "month": ("string", None),
    "time": ("string", None),
}
# A leading "+" or "0" means an identifier or a phone number, not a quantity.
_INTEGER = re.compile(r"^-?(0|[1-9]\d{0,17})$")
_DECIMAL = re.compile(r"^-?(0|[1-9]\d*)\.\d+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_BOOLEAN = frozenset({"true", "false", "yes", "no", "on", "off"})
_TEXTUAL_NUMBERS = frozenset({"phone", "postcode", "credit_card", "account_number", "msisdn", "imei", "iban"})
_SHARED_TO_OURS = {"email": "email", "phone": "phone", "url": "url", "uuid": "uuid", "postcode": "postcode"}


def type_from_values(values: Iterable[str]) -> AttributeType | None:
    """The storage type every example value fits, or None when there are none."""
    cleaned = [v.strip() for v in values if v is not None and v.strip()]
    if not cleaned:
        return None
    for kind, test in (
        ("boolean", lambda v: v.lower() in _BOOLEAN),
        ("integer", _INTEGER.match),
        ("decimal", lambda v: _INTEGER.match(v) or _DECIMAL.match(v)),
        ("date", _DATE.match),
        ("datetime", _DATETIME.match),
    ):
        if all(test(v) for v in cleaned):
            return kind  # type: ignore[return-value]
    return "string"


def field_attribute(
    name: str,
    source: SourceKind,
    examples: Iterable[str] = (),
    input_type: str | None = None,
    **constraints: object,
) -> Attribute:
    """An attribute for a form or test-case field; the input type beats the examples, which beat the name."""
    values = [str(v) for v in examples if v is not None and str(v) != ""]
    clean_name = attribute_name(name)
    kind, semantic = _INPUT_TYPES.get((input_type or "").lower(), (None, None))
    if kind is None:
        kind = type_from_values(values) or "string"
        if kind in ("integer", "decimal") and infer_semantic_type(clean_name, "string") in _TEXTUAL_NUMBERS:
            kind = "string"  # a phone or postcode made of digits is still text
    if semantic is None and kind == "string":
        semantic = infer_semantic_type(clean_name, kind)
        if semantic is None and values:
            found, confidence = shared_semantic_type(clean_name, "text", values)
            semantic = _SHARED_TO_OURS.get(found or "") if confidence >= 0.8 else None
    if semantic is None and kind in ("integer", "decimal"):
        semantic = infer_semantic_type(clean_name, kind)
    return Attribute(
        name=clean_name,
        type=kind,
        semantic_type=semantic,
        example_values=list(dict.fromkeys(values))[:5],
        source=source,
        **constraints,  # type: ignore[arg-type]
    )
