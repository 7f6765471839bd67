"""What a column's name suggests about its meaning.

Names are split into lower-case tokens (snake_case, camelCase, digits); a hint is found when a
single token or two adjacent tokens joined (`e_mail` -> `email`, `zip_code` -> `zipcode`) are in
the table below. Later tokens win (`email_sent_at` is a timestamp, `created_by_email` an email)
because the head of an English compound is its last word.
"""

from __future__ import annotations

import re

from tdm_agents.semantic.types import SemanticType

_TOKEN = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")

_WORDS: dict[SemanticType, tuple[str, ...]] = {
    SemanticType.EMAIL: ("email", "mail", "emailaddress"),
    SemanticType.PHONE: (
        "phone",
        "mobile",
        "tel",
        "telephone",
        "cell",
        "cellphone",
        "fax",
        "msisdn",
        "phonenumber",
    ),
    SemanticType.UUID: ("uuid", "guid"),
    SemanticType.URL: ("url", "uri", "website", "homepage", "link", "href", "weburl"),
    SemanticType.IP_ADDRESS: ("ip", "ipaddress", "ipaddr", "ipv4", "ipv6"),
    SemanticType.MAC_ADDRESS: ("mac", "macaddress", "macaddr"),
    SemanticType.DATE: ("date", "dob", "birthday", "birthdate", "day"),
    SemanticType.TIMESTAMP: ("timestamp", "ts", "datetime", "at", "time"),
    SemanticType.JSON: ("json", "payload", "jsonb"),
    SemanticType.CURRENCY: (
        "amount",
        "price",
        "cost",
        "total",
        "balance",
        "salary",
        "fee",
        "revenue",
        "amt",
        "subtotal",
        "tax",
        "wage",
        "income",
        "payment",
    ),
    SemanticType.POSTCODE: ("zip", "zipcode", "postcode", "postal", "postalcode", "plz", "cep"),
    SemanticType.CREDIT_CARD: ("card", "cardnumber", "cc", "ccnumber", "creditcard", "pan"),
    SemanticType.BOOLEAN: ("is", "has", "flag", "active", "enabled", "deleted", "verified", "can"),
}
_BY_WORD: dict[str, SemanticType] = {w: t for t, words in _WORDS.items() for w in words}
# `is_active` is a boolean whatever its tail says; these words decide from the front.
_LEADING_BOOLEAN = frozenset({"is", "has", "can"})


def name_tokens(column_name: str) -> list[str]:
    """`customerEmail_2` -> ['customer', 'email', '2']."""
    return [t.lower() for t in _TOKEN.findall(column_name)]


def name_hint(column_name: str) -> SemanticType | None:
    """The semantic type the name points to, or None when it says nothing recognisable."""
    tokens = name_tokens(column_name)
    if not tokens:
        return None
    if tokens[0] in _LEADING_BOOLEAN and len(tokens) > 1:
        return SemanticType.BOOLEAN
    hint: SemanticType | None = None
    for i, token in enumerate(tokens):
        pair = token + tokens[i + 1] if i + 1 < len(tokens) else None
        if pair in _BY_WORD:
            hint = _BY_WORD[pair]
        elif token in _BY_WORD and token not in _LEADING_BOOLEAN:
            hint = _BY_WORD[token]
    return hint
