"""Column-name rules: a dictionary of names and abbreviations per PII type, read in table context.

Identifiers are split into tokens (snake_case, camelCase, digits), and every run of up to four
adjacent tokens is looked up with its separators removed, so `cust_fName`, `first_name`,
`FirstName` and `fname` all reach the entry `firstname`/`fname`. The longest matching run wins
(`ip_address` is an IP, not a street address). A bare `name` is a person only when the table (or
a prefix) says the row is about a person: `customer.name` is, `genre.name` is not.
"""

from __future__ import annotations

import re

from tdm_agents.pii_detection.lexicon import fold_accents
from tdm_agents.pii_detection.models import Evidence
from tdm_agents.pii_detection.name_dictionary import (
    NAME_RULES,
    NON_PII_IDENTIFIERS,
    NON_PII_MODIFIERS,
    PERSON_NAME_TOKENS,
    PERSON_TABLE_WORDS,
    THING_WORDS,
)

# ASCII words split at case changes; runs of other letters (Cyrillic, CJK, ...) are single tokens.
_TOKEN = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+|[^\W\d_A-Za-z]+")
_MAX_RUN = 4


def tokenize(identifier: str) -> list[str]:
    """Split an identifier into lower-case tokens: `custFName2` -> ['cust', 'f', 'name', '2'].

    Accents are folded first, so `Straße`, `prénom` and `Geburtsdatum` read as `strasse`, `prenom`.
    """
    folded = fold_accents(identifier.replace("ß", "ss").replace("ẞ", "SS"))
    return [t.lower() for t in _TOKEN.findall(folded)]


def _runs(tokens: list[str]) -> list[tuple[int, str]]:
    """Every run of up to four adjacent tokens, compacted, with its length in tokens."""
    runs = []
    for start in range(len(tokens)):
        for end in range(start + 1, min(start + _MAX_RUN, len(tokens)) + 1):
            runs.append((end - start, "".join(tokens[start:end])))
    return runs


def _best_rule(tokens: list[str]) -> tuple[str, tuple[str, str | None, float]] | None:
    hits = [(length, run) for length, run in _runs(tokens) if run in NAME_RULES]
    if not hits:
        return None
    length, run = max(hits, key=lambda hit: (hit[0], len(hit[1])))
    return run, NAME_RULES[run]


def is_person_context(table: str, column_tokens: list[str]) -> bool:
    """True when the table (or the column's own prefix) names a kind of person."""
    prefix = set(column_tokens[:-1])
    if prefix & THING_WORDS:
        return False
    if prefix & PERSON_TABLE_WORDS:
        return True
    table_tokens = tokenize(table)
    if table_tokens and table_tokens[-1] in PERSON_TABLE_WORDS:
        return True  # the head noun decides: `app_users` is about users
    return bool(set(table_tokens) & PERSON_TABLE_WORDS and not set(table_tokens) & THING_WORDS)


def is_non_pii_identifier(column: str) -> bool:
    """True for names such as `sku`, `tracking_no` or `order_number` that denote a thing's id."""
    tokens = tokenize(column)
    return any(run in NON_PII_IDENTIFIERS for _, run in _runs(tokens))


def name_evidence(table: str, column: str) -> Evidence | None:
    """What the column's name (read with its table's name) says about PII, or None if nothing."""
    tokens = tokenize(column)
    if not tokens:
        return None
    if set(tokens) & NON_PII_MODIFIERS:
        return None
    best = _best_rule(tokens)
    if best is not None:
        run, (pii_type, subtype, confidence) = best
        return Evidence(pii_type, "name", confidence, f"column name matches '{run}' ({pii_type})", subtype)
    if tokens[-1] in PERSON_NAME_TOKENS or "".join(tokens[-2:]) in PERSON_NAME_TOKENS:
        if is_person_context(table, tokens):
            return Evidence("person_name", "name", 0.7, f"'{column}' in person table '{table}'", "full_name")
        return None
    if is_non_pii_identifier(column):
        return Evidence(None, "name", 0.6, f"column name '{column}' denotes an identifier of a thing")
    return None
