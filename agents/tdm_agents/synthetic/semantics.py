"""Semantic types the generators know, and how to guess one from an attribute's name and type.

The shared inference in `tdm_agents.semantic` covers technical types (email, phone, url, ...);
synthetic data also needs person names, addresses and companies, so a small table of name words
is consulted first.
"""

from __future__ import annotations

from tdm_agents.semantic import name_hint, name_tokens

# Semantic types the rules engine has a generator for.
KNOWN_SEMANTIC_TYPES = frozenset(
    {
        "email",
        "phone",
        "first_name",
        "last_name",
        "full_name",
        "username",
        "street_address",
        "city",
        "state",
        "country",
        "country_code",
        "postcode",
        "company",
        "job",
        "url",
        "ipv4",
        "iban",
        "credit_card",
        "currency_code",
        "text",
        "word",
        "product_name",
        "color",
        "amount",
        "age",
        "quantity",
        "percentage",
        "uuid",
        "date",
        "datetime",
        "boolean",
        "sku",
        "imei",
        "msisdn",
        "icd10",
        "policy_number",
        "account_number",
        "license_plate",
        "mac_address",
    }
)

# Names (as token tuples) that mean a person, place or business rather than a technical format.
_NAME_WORDS: dict[tuple[str, ...], str] = {
    ("first", "name"): "first_name",
    ("firstname",): "first_name",
    ("given", "name"): "first_name",
    ("fname",): "first_name",
    ("last", "name"): "last_name",
    ("lastname",): "last_name",
    ("surname",): "last_name",
    ("family", "name"): "last_name",
    ("lname",): "last_name",
    ("full", "name"): "full_name",
    ("fullname",): "full_name",
    ("name",): "full_name",
    ("username",): "username",
    ("user", "name"): "username",
    ("login",): "username",
    ("street",): "street_address",
    ("address",): "street_address",
    ("address", "line"): "street_address",
    ("city",): "city",
    ("town",): "city",
    ("state",): "state",
    ("province",): "state",
    ("region",): "state",
    ("country",): "country",
    ("country", "code"): "country_code",
    ("company",): "company",
    ("employer",): "company",
    ("organization",): "company",
    ("job",): "job",
    ("title",): "job",
    ("occupation",): "job",
    ("iban",): "iban",
    ("currency",): "currency_code",
    ("description",): "text",
    ("comment",): "text",
    ("notes",): "text",
    ("note",): "text",
    ("color",): "color",
    ("colour",): "color",
    ("age",): "age",
    ("quantity",): "quantity",
    ("qty",): "quantity",
    ("percent",): "percentage",
    ("percentage",): "percentage",
    ("rate",): "percentage",
    ("sku",): "sku",
    ("imei",): "imei",
    ("msisdn",): "msisdn",
    ("product", "name"): "product_name",
    ("account", "number"): "account_number",
    ("policy", "number"): "policy_number",
}

_FROM_SHARED = {
    "email": "email",
    "phone": "phone",
    "url": "url",
    "uuid": "uuid",
    "ip_address": "ipv4",
    "ipv4": "ipv4",
    "mac_address": "mac_address",
    "postcode": "postcode",
    "credit_card": "credit_card",
    "currency": "amount",
}

_TEXTUAL = frozenset({"string"})
_NUMERIC_SEMANTICS = frozenset({"amount", "age", "quantity", "percentage"})


def infer_semantic_type(name: str, attribute_type: str) -> str | None:
    """The semantic type an attribute's name suggests, consistent with its storage type (or None)."""
    tokens = tuple(name_tokens(name))
    found = _from_name_words(tokens)
    if found is None:
        shared = name_hint(name)
        found = _FROM_SHARED.get(shared.value) if shared is not None else None
    if found is None:
        return None
    if found in _NUMERIC_SEMANTICS:
        return found if attribute_type in ("integer", "decimal", "float") else None
    return found if attribute_type in _TEXTUAL else None


def _from_name_words(tokens: tuple[str, ...]) -> str | None:
    # The head of an English compound is its last word(s): `billing_city` is a city.
    for width in (2, 1):
        if len(tokens) >= width and tokens[-width:] in _NAME_WORDS:
            return _NAME_WORDS[tokens[-width:]]
    for width in (2, 1):
        for i in range(len(tokens) - width + 1):
            if tokens[i : i + width] in _NAME_WORDS and tokens[-1] not in ("id", "at", "date"):
                return _NAME_WORDS[tokens[i : i + width]]
    return None
