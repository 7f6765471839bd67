"""Checks of single values against the word lists: person names, street addresses, cities, usernames.

Each function takes one string and answers from dictionary look-ups (no model, no network).
They run only on values that a vectorized prefilter already judged word-like.
"""

from __future__ import annotations

import re

from tdm_agents.pii_detection import lexicon, world_addresses, world_names
from tdm_agents.pii_detection.scripts import script_of

_WORD_SPLIT = re.compile(r"[\s,]+")
_STRIP = ".,;:()'\""
# Languages that write the street word first ('rue de Gomes', 'Calle Mayor') often omit the number.
_LEADING_STREET_WORDS = frozenset({
    "rue", "avenue", "boulevard", "allée", "chemin", "impasse", "place", "quai", "calle", "avenida",
    "paseo", "plaza", "camino", "carrer", "via", "viale", "piazza", "corso", "vicolo", "rua", "travessa",
})  # fmt: skip
_USERNAME_DIGITS = re.compile(r"[\d._\-]+")


def _name_words(value: str) -> list[str]:
    """Lower-case words of a name, without titles (Dr., B.A.) and stray punctuation."""
    titles = lexicon.name_titles()
    words = []
    for raw in _WORD_SPLIT.split(value.strip()):
        word = raw.strip(_STRIP).lower()
        if word and word not in titles and raw.lower() not in titles and "." not in word:
            words.append(word)
    return words


def person_name_kind(value: str) -> str | None:
    """'first_name', 'last_name' or 'full_name' when the value reads as a person's name, else None."""
    if script_of(value) not in ("latin", None):
        return world_names.person_name_kind(value)
    raw_words = {w.strip(_STRIP).replace(".", "").lower() for w in _WORD_SPLIT.split(value)}
    if raw_words & lexicon.company_words():
        return None  # 'Smith and Sons', 'Dupont SARL', 'Müller GmbH' are companies
    words = _name_words(value)
    if not words or len(words) > 5 or not all(w.replace("-", "").replace("'", "").isalpha() for w in words):
        return None
    firsts, lasts = lexicon.first_names(), lexicon.last_names()
    if len(words) == 1:
        word = words[0]
        if word in firsts:
            return "first_name"
        parts = word.split("-")
        if word in lasts or all(p in lasts for p in parts):
            return "last_name"
        return None
    if all(part in firsts for part in words[0].split("-")) and any(
        w in lasts or all(p in lasts for p in w.split("-")) for w in words[1:]
    ):
        return "full_name"
    # "Surname, Given" and double-barrelled family names written first.
    if words[-1] in firsts and words[0] in lasts:
        return "full_name"
    return None


def is_street_address(value: str) -> bool:
    """True when the value holds a house number and a street word ('12 Baker St', 'Hauptstr. 5')."""
    if len(value) > 120:
        return False
    if script_of(value) not in ("latin", None):
        return world_addresses.is_street_address(value)
    words = [w.strip(_STRIP).lower() for w in _WORD_SPLIT.split(value) if w.strip(_STRIP)]
    if not 2 <= len(words) <= 14:
        return False
    if not any(ch.isdigit() for ch in value):
        return words[0] in _LEADING_STREET_WORDS and len(words) <= 6
    street_words = lexicon.street_words()
    compounds = lexicon.street_suffixes_for_compounds()
    for word in words:
        bare = word.rstrip(".")
        if word in street_words or bare in street_words:
            return True
        if len(bare) > 5 and bare.endswith(compounds):
            return True
    return False


def is_city(value: str) -> bool:
    """True for a known city name or a town name built from the usual affixes ('Port Jennifer')."""
    text = value.strip().lower()
    if not text or any(ch.isdigit() for ch in text) or len(text) > 60:
        return False
    if text in lexicon.city_names():
        return True
    prefixes, suffixes = lexicon.city_affixes()
    words = text.replace("-", " ").split()
    if len(words) > 4:
        return False
    if words[0] in prefixes and len(words) > 1:
        return True
    return any(words[-1].endswith(suffix) and len(words[-1]) > len(suffix) + 2 for suffix in suffixes)


def is_username(value: str) -> bool:
    """True for a login made of a person's names, initials and digits ('jsmith', 'briana78')."""
    text = lexicon.fold_accents(value.strip().lower())
    if not 3 <= len(text) <= 32 or " " in text or "@" in text or not text[0].isalpha():
        return False
    letters = _USERNAME_DIGITS.sub("", text)
    if len(letters) < 3 or not letters.isalpha():
        return False
    parts = lexicon.login_name_parts()
    # One initial may lead or trail ('jsmith', 'smithj'); the rest must split into name words.
    return any(_splits_into_names(candidate, parts) for candidate in (letters, letters[1:], letters[:-1]))


def _splits_into_names(text: str, parts: frozenset[str]) -> bool:
    """True when text is a concatenation of at most four name words ('vandersloot', 'harrietchambers')."""
    if len(text) < 3:
        return False
    reachable = {0: 0}  # end offset -> fewest words to reach it
    for start in range(len(text)):
        if start not in reachable or reachable[start] >= 4:
            continue
        for end in range(start + 2, min(len(text), start + 20) + 1):
            if text[start:end] in parts and reachable.get(end, 99) > reachable[start] + 1:
                reachable[end] = reachable[start] + 1
    return len(text) in reachable
