"""Name normalization shared by every source and the merge: case styles and plurals.

`customerId`, `customer_id` and `CustomerID` all become `customer_id`; `customers`, `Customer`
and `customer` all become the entity name `customer`.
"""

from __future__ import annotations

import re

from tdm_agents.semantic import name_tokens

_IRREGULAR_PLURALS = {
    "people": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
    "data": "data",
    "status": "status",
    "address": "address",
    "series": "series",
    "news": "news",
}
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "sms")


def snake_case(name: str) -> str:
    """`customerId` / `Customer-ID` / `customer id` -> `customer_id`."""
    tokens = name_tokens(re.sub(r"[^0-9A-Za-z]+", " ", name))
    return "_".join(tokens)


def singular(word: str) -> str:
    """English singular of one lower-case word, good enough for table names (`categories` -> `category`)."""
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if len(word) <= 3 or word.endswith(_NOT_PLURAL_ENDINGS):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def entity_name(name: str) -> str:
    """Canonical entity name: snake_case with the last word made singular (`OrderItems` -> `order_item`)."""
    parts = snake_case(name).split("_")
    if not parts or parts == [""]:
        return name.lower()
    parts[-1] = singular(parts[-1])
    return "_".join(parts)


def attribute_name(name: str) -> str:
    """Canonical attribute name: snake_case (`createdAt` -> `created_at`)."""
    return snake_case(name) or name.lower()


def referenced_entity(attribute: str) -> str | None:
    """The entity an id-like attribute points to: `customer_id` / `customerId` -> `customer`."""
    tokens = snake_case(attribute).split("_")
    if len(tokens) >= 2 and tokens[-1] in ("id", "uuid", "key", "ref"):
        return entity_name("_".join(tokens[:-1]))
    return None
