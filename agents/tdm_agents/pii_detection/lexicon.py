"""Word lists for recognising people and places in values, taken from Faker's locale providers.

Faker ships curated first names, last names, name titles, city names and street words for many
locales; they are loaded once, lazily, and lower-cased. The locale list favours Latin-script
countries, since the validators and address rules cover those.
"""

from __future__ import annotations

import importlib
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

DICTIONARY_LOCALES: tuple[str, ...] = (
    "en_US", "en_GB", "en_CA", "en_AU", "en_IE", "en_NZ", "en_IN", "de_DE", "de_AT", "de_CH",
    "fr_FR", "fr_CA", "fr_CH", "es_ES", "es_MX", "es_AR", "nl_NL", "nl_BE", "it_IT", "pt_PT",
    "pt_BR", "pl_PL", "sv_SE", "da_DK", "no_NO", "fi_FI", "cs_CZ", "ro_RO", "hu_HU", "tr_TR",
)  # fmt: skip

# Locales written in other scripts whose names also appear romanized ('Jun Suzuki', 'Wang Fang').
ROMANIZED_LOCALES: tuple[str, ...] = ("ja_JP", "zh_CN", "zh_TW")
_ROMANIZED_FIRST = ("first_romanized_names", "first_romanized_names_male", "first_romanized_names_female")
_ROMANIZED_LAST = ("last_romanized_names",)
_NAME_ATTRIBUTES = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
_TITLE_ATTRIBUTES = (
    "prefixes",
    "prefixes_male",
    "prefixes_female",
    "suffixes",
    "suffixes_male",
    "suffixes_female",
)
# Street words no locale list spells out in this form, or that appear as abbreviations.
_EXTRA_STREET_WORDS = (
    "street", "st", "st.", "road", "rd", "rd.", "avenue", "ave", "ave.", "lane", "ln", "drive", "dr",
    "boulevard", "blvd", "way", "court", "ct", "place", "pl", "square", "sq", "terrace", "close",
    "crescent", "highway", "hwy", "apt", "apt.", "suite", "flat", "unit", "po", "box", "rue", "allée",
    "chemin", "impasse", "boulevard", "calle", "avenida", "plaza", "paseo", "camino", "carrer",
    "straße", "strasse", "str.", "weg", "gasse", "platz", "allee", "ring", "damm", "ufer", "straat",
    "laan", "plein", "gracht", "kade", "singel", "via", "viale", "piazza", "corso", "vicolo", "rua",
    "travessa", "ulica", "ul.", "gatan", "vägen", "vej", "gade", "veien", "gata",
)  # fmt: skip


def _provider(kind: str, locale: str) -> type | None:
    try:
        return importlib.import_module(f"faker.providers.{kind}.{locale}").Provider
    except ImportError:
        return None


def _words(values: Iterable[object]) -> set[str]:
    return {str(v).strip().lower() for v in values if str(v).strip()}


def _collect(
    kind: str, attributes: Iterable[str], locales: tuple[str, ...] = DICTIONARY_LOCALES
) -> frozenset[str]:
    words: set[str] = set()
    for locale in locales:
        provider = _provider(kind, locale)
        for attribute in attributes:
            # Some lists are weighted dicts (name -> frequency); iterating yields the names.
            words |= _words(getattr(provider, attribute, ()) or ())
    return frozenset(words)


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Lower-cased given names from every dictionary locale, and romanized Japanese/Chinese ones."""
    return _collect("person", _NAME_ATTRIBUTES) | _collect("person", _ROMANIZED_FIRST, ROMANIZED_LOCALES)


@lru_cache(maxsize=1)
def last_names() -> frozenset[str]:
    """Lower-cased family names (single words and their hyphenated parts)."""
    names = _collect("person", ("last_names", "last_names_male", "last_names_female"))
    names |= _collect("person", _ROMANIZED_LAST, ROMANIZED_LOCALES)
    return frozenset(names | {part for name in names for part in name.replace("-", " ").split()})


@lru_cache(maxsize=1)
def name_titles() -> frozenset[str]:
    """Titles and suffixes that decorate names (Dr., Mr., B.A., Jr.): skipped when matching."""
    return _collect("person", _TITLE_ATTRIBUTES) | {"mr", "mrs", "ms", "miss", "dr", "prof", "jr", "sr"}


@lru_cache(maxsize=1)
def city_names() -> frozenset[str]:
    """Lower-cased names of real cities listed by the locales that have them."""
    return _collect("address", ("cities", "city_names"))


@lru_cache(maxsize=1)
def city_affixes() -> tuple[frozenset[str], frozenset[str]]:
    """(prefixes, suffixes) that compose town names: 'North', 'Port'; '-ville', '-mouth', '-berg'."""
    prefixes = _collect("address", ("city_prefixes",))
    suffixes = _collect("address", ("city_suffixes",))
    return prefixes, frozenset(s.lstrip("-") for s in suffixes if len(s.lstrip("-")) >= 3)


@lru_cache(maxsize=1)
def street_words() -> frozenset[str]:
    """Words that name a street type, in the dictionary locales' languages."""
    words = _collect(
        "address", ("street_suffixes", "street_prefixes", "street_suffixes_long", "street_suffixes_short")
    )
    return frozenset(w.lstrip("-") for w in words | set(_EXTRA_STREET_WORDS) if len(w.lstrip("-")) >= 2)


def fold_accents(text: str) -> str:
    """'alcántara' -> 'alcantara': logins and keys are often written without diacritics."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def login_name_parts() -> frozenset[str]:
    """Accent-folded name words (three letters or more) and name particles that logins are built from."""
    words = {fold_accents(w) for w in first_names() | last_names()}
    parts = {p for w in words for p in w.replace("-", " ").replace("'", " ").split()}
    return frozenset(p for p in parts if len(p) >= 3 and p.isalpha()) | {
        "van",
        "de",
        "der",
        "den",
        "la",
        "le",
        "da",
        "di",
        "del",
        "von",
        "du",
    }


@lru_cache(maxsize=1)
def street_suffixes_for_compounds() -> tuple[str, ...]:
    """Street words that also end compound street names ('Bendreef', 'Hauptstr', 'Ellaboulevard')."""
    return tuple(sorted(w.rstrip(".") for w in street_words() if len(w.rstrip(".")) >= 3 and " " not in w))


_COMPANY_CONNECTIVES = (
    "and",
    "&",
    "et",
    "und",
    "y",
    "en",
    "e",
    "sons",
    "fils",
    "söhne",
    "zonen",
    "hijos",
    "hermanos",
)


@lru_cache(maxsize=1)
def company_words() -> frozenset[str]:
    """Legal-form and connective words ('GmbH', 'SARL', 'Inc', 'and Sons') that mark a company name."""
    suffixes = _collect("company", ("company_suffixes",))
    words = {w.strip(".,").replace(".", "") for s in suffixes for w in s.split()}
    return frozenset(w for w in words if w) | set(_COMPANY_CONNECTIVES)
