"""Value validators: checksums and format rules that turn a regex match into evidence.

Checksums come from python-stdnum (Luhn, IBAN mod-97, SIN, DNI/NIE, BSN, NIR, Aadhaar) and
phone numbers from phonenumbers; the few rules no library covers (UK NINO, card brand lengths,
SSN ranges spelled out) are written here. Every function takes one string and never raises on
bad input: a value that cannot be parsed is simply not valid.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
from collections.abc import Callable
from email.utils import parseaddr

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum import isbn as stdnum_isbn
from stdnum import luhn
from stdnum.ca import sin as ca_sin
from stdnum.es import dni as es_dni
from stdnum.es import nie as es_nie
from stdnum.fr import nir as fr_nir
from stdnum.in_ import aadhaar as in_aadhaar
from stdnum.nl import bsn as nl_bsn

from tdm_agents.pii_detection import national_ids

_SEPARATORS = re.compile(r"[\s\-.]")
_EMAIL = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}$"
)
_MAC = re.compile(
    r"^(?:[0-9A-Fa-f]{2}([:-]))(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}$|^(?:[0-9A-Fa-f]{4}\.){2}[0-9A-Fa-f]{4}$"
)
_SSN = re.compile(r"^(\d{3})-?(\d{2})-?(\d{4})$")
_NINO = re.compile(r"^([A-Z]{2})(\d{6})([A-D])$")
# HMRC: these prefixes are never issued; D, F, I, Q, U, V never appear and O is not a second letter.
_NINO_BAD_PREFIXES = frozenset({"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"})
# Regions tried, in order, for numbers written without an international prefix.
PHONE_REGIONS: tuple[str, ...] = (
    "US",
    "GB",
    "DE",
    "FR",
    "ES",
    "NL",
    "IT",
    "CA",
    "IN",
    "AU",
    "BE",
    "CH",
    "AT",
)


def digits_of(value: str) -> str:
    """The value without spaces, dashes and dots (how ids and cards are written by people)."""
    return _SEPARATORS.sub("", value)


def is_luhn_valid(value: str) -> bool:
    """True when the digits pass the Luhn (mod 10) check."""
    return luhn.is_valid(digits_of(value))


def card_brand(value: str) -> str | None:
    """The card brand whose prefix and length the number fits, if its Luhn digit is right."""
    number = digits_of(value)
    if not number.isdigit() or not 12 <= len(number) <= 19 or not luhn.is_valid(number):
        return None
    length, head2, head4 = len(number), int(number[:2]), int(number[:4])
    if number[0] == "4" and length in (13, 16, 19):
        return "visa"
    if head2 in (34, 37) and length == 15:
        return "amex"
    if (51 <= head2 <= 55 or 2221 <= head4 <= 2720) and length == 16:
        return "mastercard"
    if (number.startswith(("6011", "65")) or 644 <= int(number[:3]) <= 649) and 16 <= length <= 19:
        return "discover"
    if (3528 <= head4 <= 3589 and 16 <= length <= 19) or (
        number.startswith(("2131", "1800")) and length == 15
    ):
        return "jcb"
    if (300 <= int(number[:3]) <= 305 or head2 in (36, 38, 39)) and 14 <= length <= 19:
        return "diners"
    if number.startswith(("50", "56", "57", "58", "6")) and 12 <= length <= 19:
        return "maestro"
    return None


def is_credit_card(value: str) -> bool:
    """True for a Luhn-valid number whose prefix and length match a card brand."""
    return card_brand(value) is not None


def is_iban(value: str) -> bool:
    """True when the value is an IBAN with a valid country length and mod-97 check digits."""
    return stdnum_iban.is_valid(value)


def is_isbn(value: str) -> bool:
    """True for an ISBN-10 or ISBN-13 with a valid check digit."""
    return bool(stdnum_isbn.is_valid(value))


def is_us_ssn(value: str) -> bool:
    """True for a US SSN outside the never-issued ranges (area 000, 666, 9xx; group 00; serial 0000)."""
    match = _SSN.match(value.strip())
    if not match:
        return False
    area, group, serial = match.groups()
    if area in ("000", "666") or area.startswith("9"):
        return False
    return group != "00" and serial != "0000"


def is_uk_nino(value: str) -> bool:
    """True for a UK National Insurance number that follows HMRC's allocation rules."""
    match = _NINO.match(re.sub(r"\s", "", value.upper()))
    if not match:
        return False
    prefix = match.group(1)
    return not (prefix in _NINO_BAD_PREFIXES or prefix[0] in "DFIQUV" or prefix[1] in "DFIOQUV")


def _stdnum_check(module: object) -> Callable[[str], bool]:
    is_valid = module.is_valid  # type: ignore[attr-defined]
    return lambda value: bool(is_valid(value))


# Subtype -> validator. Order matters: the first validator that accepts a value names its subtype
# (a 9-digit number that passes the BSN 11-proof may also pass Luhn as a SIN).
NATIONAL_ID_VALIDATORS: dict[str, Callable[[str], bool]] = {
    "us_ssn": lambda v: "-" in v and is_us_ssn(v),
    "uk_nino": is_uk_nino,
    "es_dni": _stdnum_check(es_dni),
    "es_nie": _stdnum_check(es_nie),
    "fr_nir": _stdnum_check(fr_nir),
    "in_aadhaar": _stdnum_check(in_aadhaar),
    "nl_bsn": _stdnum_check(nl_bsn),
    "ca_sin": _stdnum_check(ca_sin),
}
# National ids whose validation is a real checksum (the others are format and range rules).
CHECKSUM_NATIONAL_IDS = frozenset({"es_dni", "es_nie", "fr_nir", "in_aadhaar", "nl_bsn", "ca_sin"}) | (
    frozenset(national_ids.SUBTYPES) - national_ids.FORMAT_ONLY
)


def national_id_subtype(value: str) -> str | None:
    """The kind of national identifier the value is (us_ssn, uk_nino, nl_bsn, ...), or None."""
    for subtype, validate in NATIONAL_ID_VALIDATORS.items():
        if validate(value):
            return subtype
    return None


def is_plausible_birth_date(value: dt.date, today: dt.date | None = None) -> bool:
    """True for a date between 1900-01-01 and today that gives an age of 0 to 120 years."""
    today = today or dt.date.today()
    if value < dt.date(1900, 1, 1) or value > today:
        return False
    age = today.year - value.year - ((today.month, today.day) < (value.month, value.day))
    return 0 <= age <= 120


def is_latitude(value: float) -> bool:
    """True for a latitude in degrees (-90..90)."""
    return -90.0 <= value <= 90.0


def is_longitude(value: float) -> bool:
    """True for a longitude in degrees (-180..180)."""
    return -180.0 <= value <= 180.0


def is_mac_address(value: str) -> bool:
    """True for a MAC address written as aa:bb:cc:dd:ee:ff, aa-bb-..., or aabb.ccdd.eeff."""
    return bool(_MAC.match(value.strip()))


def ip_version(value: str) -> int | None:
    """4 or 6 for an IP address (an address, not a network), else None."""
    try:
        return ipaddress.ip_address(value.strip()).version
    except ValueError:
        return None


def is_email(value: str) -> bool:
    """True for an address of the form local@domain.tld."""
    return len(value) <= 254 and bool(_EMAIL.match(value.strip()))


def is_display_name_email(value: str) -> bool:
    """True for an address with a display name, as mail headers write it: `"Jane Doe" <jane@x.org>`."""
    name, address = parseaddr(value.strip())
    return bool(name) and "<" in value and is_email(address)


def phone_kind(value: str, regions: tuple[str, ...] = PHONE_REGIONS) -> str | None:
    """'e164' or 'national' when the value is a possible phone number, else None.

    Numbers with a leading + or 00 are parsed as international; others are tried against a few
    common regions, since a column rarely says which country its numbers belong to.
    """
    text = value.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    if text.startswith("+"):
        return "e164" if _possible(text, None) else None
    return "national" if any(_possible(text, region) for region in regions) else None


def _possible(text: str, region: str | None) -> bool:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_possible_number(number)
