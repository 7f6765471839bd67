"""PII entities inside one text value (free text, JSON documents), for the leak check.

The leak check of rules that keep part of a value (JSON paths, regex replacements, partial
masks) finds the entities in each source value and asks whether any of them is still in the
same row's output. Patterns are unanchored; checksummed numbers and names are confirmed with the
PII detectors' own validators so that order numbers and capitalised phrases do not count.
"""

from __future__ import annotations

import re

from tdm_agents.pii_detection import validators, word_checks

_PLAIN = (
    re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"),  # email
    re.compile(r"\+\d{1,3}[\s\-]?\(?\d{1,4}\)?[\s\-]?\d{2,4}[\s\-]?\d{2,4}(?:[\s\-]?\d{2,4})?"),  # phone
    re.compile(r"\(\d{3}\)\s?\d{3}-\d{4}|\b\d{3}[\-.]\d{3}[\-.]\d{4}\b"),  # NANP phone
    re.compile(r"\b\d{3}-\d{2}-\d{4}\b"),  # US SSN
    re.compile(r"\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b"),  # IPv4
)
_CARD = re.compile(r"\b(?:\d[ \-]?){12,18}\d\b")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b")
_NAME_RUN = re.compile(r"\b[A-Z][a-zà-ÿ]+(?:\s[A-Z][a-zà-ÿ\-]+){1,2}\b")
# Shorter matches are too common to mean anything when found again in the output.
MIN_ENTITY_LENGTH = 6


def _names(text: str) -> list[str]:
    found: list[str] = []
    for match in _NAME_RUN.finditer(text):
        words = match.group().split()
        windows = (" ".join(words[i : i + n]) for n in (3, 2) for i in range(len(words) - n + 1))
        found.extend(w for w in windows if word_checks.person_name_kind(w) == "full_name")
    return found


def entities_in(text: str) -> set[str]:
    """The PII entities mentioned in `text` (emails, phones, ids, cards, IBANs, IPs, full names)."""
    found = {m.group() for pattern in _PLAIN for m in pattern.finditer(text)}
    found |= {m.group() for m in _CARD.finditer(text) if validators.is_credit_card(m.group())}
    found |= {m.group() for m in _IBAN.finditer(text) if validators.is_iban(m.group())}
    found |= set(_names(text))
    return {e for e in found if len(e) >= MIN_ENTITY_LENGTH}


def surviving_entities(original: str | None, masked: str | None) -> int:
    """How many entities of the source value appear verbatim in the masked value of the same row."""
    if not original or not masked:
        return 0
    return sum(1 for entity in entities_in(original) if entity in masked)
