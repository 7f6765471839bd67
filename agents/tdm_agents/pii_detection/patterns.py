"""Value patterns: a cheap RE2 prefilter (run by pyarrow.compute over all values at once) paired
with a Python validator that runs only on the values the prefilter let through.

A validator returns the subtype it recognised (or "" when the type has no subtypes), or None.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tdm_agents.pii_detection import national_ids
from tdm_agents.pii_detection import validators as v
from tdm_agents.pii_detection import word_checks as w

Validator = Callable[[str], str | None]


@dataclass(frozen=True)
class ValuePattern:
    """How one PII type is recognised in a single value."""

    pii_type: str
    prefilter: str
    validate: Validator
    threshold: float  # share of sampled non-null values that must validate to flag the column
    confidence: float  # confidence when every sampled value validates
    technique: str = "regex"
    exclude: str | None = None  # values matching this are never considered (dates that look like phones)
    weak: bool = False  # flags a column only together with a name, never alone
    # The written layout itself names the type (cards in groups of four): a name such as `card_ref`
    # that denotes a thing's identifier does not veto this evidence as it does bare digits.
    formatted: bool = False


def _flag(check: Callable[[str], bool], subtype: str = "") -> Validator:
    return lambda value: subtype if check(value) else None


def _card(value: str) -> str | None:
    return v.card_brand(value)


def _email(value: str) -> str | None:
    if v.is_email(value):
        return ""
    return "display_name" if v.is_display_name_email(value) else None


def _ip(value: str) -> str | None:
    version = v.ip_version(value)
    return f"ipv{version}" if version else None


# International prefix, area code in brackets, two separated groups, or a trunk 0 and an area
# code (written apart, or run together as in '0430830401').
_PHONE_GROUPED = re.compile(
    r"^(?:\+|00|\().*|.*\d[\s.\-/]\d+[\s.\-/]\d.*|^0\d{1,5}[\s\-/]\d{3,}$|^0[1-9]\d{8,10}$"
)


def _phone(value: str) -> str | None:
    # Bare digit strings are as often order numbers as phones: only grouped or international
    # numbers count here; bare digits are judged by the `phone_digits` pattern with a name.
    if not _PHONE_GROUPED.match(value) or sum(ch.isdigit() for ch in value) < 7:
        return None
    if "-" in value and v.is_isbn(value):
        return None  # '978-1-4028-9462-6', '0-613-89091-4': hyphenated ISBNs are books, not phones
    return v.phone_kind(value)


def _hash_hex_or_b64(value: str) -> str | None:
    text = value.strip()
    if re.fullmatch(r"[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64}|[0-9a-fA-F]{128}", text):
        return "hex_digest"
    return "base64_digest" if re.fullmatch(r"[A-Za-z0-9+/]{27,86}={0,2}", text) else None


_CRYPT_FORMATS = (
    ("bcrypt", re.compile(r"^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$")),
    ("argon2", re.compile(r"^\$argon2(?:id|i|d)\$v=\d+\$m=\d+,t=\d+,p=\d+\$")),
    ("sha_crypt", re.compile(r"^\$(?:1|5|6)\$(?:rounds=\d+\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{22,86}$")),
    ("pbkdf2", re.compile(r"^(?:pbkdf2_sha\d+\$\d+\$|\$pbkdf2(?:-sha\d+)?\$)")),
    ("scrypt", re.compile(r"^(?:scrypt:|\$scrypt\$|\$7\$)")),
)


def _crypt(value: str) -> str | None:
    return next((name for name, pattern in _CRYPT_FORMATS if pattern.match(value)), None)


def _postcode(value: str) -> str | None:
    text = value.strip().upper()
    for country, pattern in _POSTCODE_FORMATS:
        if pattern.fullmatch(text):
            return country
    return None


_POSTCODE_FORMATS = (
    ("gb", re.compile(r"(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?) ?\d[ABD-HJLNP-UW-Z]{2}")),
    ("nl", re.compile(r"[1-9]\d{3} ?[A-Z]{2}")),
    ("ca", re.compile(r"[ABCEGHJ-NPRSTVXY]\d[A-Z] ?\d[A-Z]\d")),
    ("us_zip4", re.compile(r"\d{5}-\d{4}")),
    ("br", re.compile(r"\d{5}-\d{3}")),
    ("pl", re.compile(r"\d{2}-\d{3}")),
    ("pt", re.compile(r"\d{4}-\d{3}")),
)


def _digits_postcode(value: str) -> str | None:
    return "digits" if re.fullmatch(r"\d{4,5}", value.strip()) else None


def _digits_phone(value: str) -> str | None:
    return v.phone_kind(value) if re.fullmatch(r"\d{7,15}", value.strip()) else None


def _ssn_digits(value: str) -> str | None:
    return "us_ssn" if re.fullmatch(r"\d{9}", value.strip()) and v.is_us_ssn(value) else None


# Card numbers as printed: 4-4-4-4(-3) with spaces or dashes, or 4-6-5 / 4-6-4 (Amex, Diners).
_GROUPED_CARD = r"^\d{4}(?: \d{4}){2} \d{1,7}$|^\d{4}(?:-\d{4}){2}-\d{1,7}$|^\d{4}[ \-]\d{6}[ \-]\d{4,5}$"
_PERSON_NAME_PREFILTER = r"^[^\d@/\\_=+<>{}\[\]|#$%&*]{2,60}$"

VALUE_PATTERNS: tuple[ValuePattern, ...] = (
    ValuePattern(
        "email", r"^\s*(?:[^@<>]{1,80}<)?[^@\s<>]+@[^@\s<>]+\.[A-Za-z]{2,}>?\s*$", _email, 0.8, 0.95
    ),
    ValuePattern("credit_card", r"^\d[\d \-]{10,21}\d$", _card, 0.8, 0.95, "checksum"),
    ValuePattern("credit_card", _GROUPED_CARD, _card, 0.8, 0.95, "checksum", formatted=True),
    ValuePattern("iban", r"^[A-Za-z]{2}\d{2}[A-Za-z0-9 ]{10,34}$", _flag(v.is_iban), 0.8, 0.97, "checksum"),
    ValuePattern(
        "national_id",
        r"^(?:\d{3}-\d{2}-\d{4}|[A-Za-z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-Da-d]|[XYZxyz]?\d{7,8}[A-Za-z]"
        r"|\d{3}[ -]?\d{3}[ -]?\d{3}|[12] ?\d{2} ?\d{2} ?\d{2} ?\d{3} ?\d{3} ?\d{2}|\d{4} ?\d{4} ?\d{4})$",
        v.national_id_subtype,
        0.8,
        0.92,
    ),
    ValuePattern("national_id", national_ids.PREFILTER, national_ids.national_id_subtype, 0.8, 0.92),
    ValuePattern("national_id", r"^\d{9}$", _ssn_digits, 0.8, 0.5, weak=True),
    ValuePattern("ip_address", r"^[0-9A-Fa-f:.]{3,45}$", _ip, 0.8, 0.95),
    ValuePattern("mac_address", r"^[0-9A-Fa-f:.\-]{14,17}$", _flag(v.is_mac_address), 0.8, 0.95),
    ValuePattern(
        "phone",
        r"^[+(]?[\d][\d\s().\-/x]{5,24}\d$",
        _phone,
        0.7,
        0.88,
        # Dates, IPv4, decimals, and runs of four-digit groups (product keys, Aadhaar) are no phones.
        exclude=r"^\d{4}-\d{2}-\d{2}|^\d{1,3}(?:\.\d{1,3}){3}$|^\d+\.\d+$|^\d{2}[./]\d{2}[./]\d{4}$"
        r"|^[1-9]\d{3}(?:[\- ]\d{4}){2,}$",
    ),
    ValuePattern("phone", r"^\d{7,15}$", _digits_phone, 0.8, 0.45, weak=True),
    ValuePattern("postcode", r"^[A-Za-z0-9]{2,5}[ -]?[A-Za-z0-9]{2,4}$", _postcode, 0.8, 0.85),
    ValuePattern("postcode", r"^\d{4,5}$", _digits_postcode, 0.8, 0.45, weak=True),
    ValuePattern("password_hash", r"^(?:\$|pbkdf2_|scrypt:)", _crypt, 0.8, 0.95),
    ValuePattern("password_hash", r"^[A-Za-z0-9+/=]{27,130}$", _hash_hex_or_b64, 0.8, 0.45, weak=True),
    ValuePattern(
        "photo", r"^(?:data:image/|/9j/4|iVBORw0KGgo|R0lGODlh|R0lGODdh)", lambda _: "base64_image", 0.5, 0.85
    ),
    ValuePattern("person_name", _PERSON_NAME_PREFILTER, w.person_name_kind, 0.6, 0.8),
    ValuePattern("street_address", r"^[^@]{4,120}$", _flag(w.is_street_address), 0.6, 0.8),
    ValuePattern("city", r"^[^\d@_/]{2,60}$", _flag(w.is_city), 0.6, 0.65),
    ValuePattern("username", r"^[A-Za-z][A-Za-z0-9._\-]{2,31}$", _flag(w.is_username), 0.7, 0.6),
)
