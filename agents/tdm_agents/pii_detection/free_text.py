"""Free text that contains PII: notes and comments mentioning an email, a phone, a card, a name.

The embedded patterns run unanchored through pyarrow.compute over all values of a column; only
the few candidates for checksummed numbers and names are checked again in Python.
"""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tdm_agents.pii_detection import validators, word_checks

# Embedded PII whose pattern alone is specific enough.
_EMBEDDED = {
    "email": r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}",
    "phone": r"(?:\+\d{1,3}[\s\-]?\(?\d{1,4}\)?[\s\-]?\d{2,4}[\s\-]?\d{2,4}(?:[\s\-]?\d{2,4})?)"
    r"|(?:\(\d{3}\)\s?\d{3}-\d{4})|(?:\b\d{3}[\-.]\d{3}[\-.]\d{4}\b)",
    "ssn": r"\b\d{3}-\d{2}-\d{4}\b",
    "ip": r"\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b",
}
# Embedded candidates that need a checksum or a dictionary before they count.
_CARD = re.compile(r"\b(?:\d[ \-]?){12,18}\d\b")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b")
_NAME_PAIR = re.compile(r"\b[A-Z][a-zà-ÿ]+(?:\s[A-Z][a-zà-ÿ\-]+)+\b")

LETTER_WORD = r"\pL{2,}"
MIN_WORDS = 4  # a column is free text when its median value has at least this many words
FLAG_SHARE = 0.05  # share of values mentioning PII that makes the column free_text_pii


def letter_word_counts(strings: pa.Array) -> np.ndarray:
    """Words of two or more letters per value: digit groups ('06 27 63 17 06') are not words."""
    if len(strings) == 0:
        return np.zeros(0, dtype=np.int64)
    return pc.count_substring_regex(strings, LETTER_WORD).to_numpy(zero_copy_only=False)


def is_free_text(word_counts: np.ndarray) -> bool:
    """True when most values read as sentences rather than single tokens or codes."""
    return word_counts.size > 0 and float(np.median(word_counts)) >= MIN_WORDS


def _checked_mentions(text: str) -> bool:
    if any(validators.is_credit_card(m.group()) for m in _CARD.finditer(text)):
        return True
    if any(validators.is_iban(m.group()) for m in _IBAN.finditer(text)):
        return True
    return any(_has_full_name(m.group().split()) for m in _NAME_PAIR.finditer(text))


def _has_full_name(words: list[str]) -> bool:
    """A capitalised run ('Called Anna Smith') holds a full name if any 2-3 word window is one."""
    windows = (" ".join(words[i : i + size]) for size in (2, 3) for i in range(len(words) - size + 1))
    return any(word_checks.person_name_kind(window) == "full_name" for window in windows)


def pii_mention_share(strings: pa.Array) -> tuple[float, list[str]]:
    """Share of values that mention PII, and which kinds of PII were seen (never the values)."""
    if len(strings) == 0:
        return 0.0, []
    hit = np.zeros(len(strings), dtype=bool)
    kinds = []
    for kind, pattern in _EMBEDDED.items():
        mask = pc.fill_null(pc.match_substring_regex(strings, pattern), False).to_numpy(zero_copy_only=False)
        if mask.any():
            kinds.append(kind)
        hit |= mask
    rest = np.flatnonzero(~hit)
    checked = [_checked_mentions(text) for text in strings.take(pa.array(rest)).to_pylist() if text]
    if any(checked):
        kinds.append("card, iban or name")
    return (int(hit.sum()) + sum(checked)) / len(strings), kinds
