"""National identifiers beyond the first few, recognised by python-stdnum's format and check rules.

Each entry is a subtype, the shape a written value of it has, and the stdnum module whose
`is_valid` checks it (check digits, embedded birth dates, allowed letters). Shapes are tried in
order, so when one number could be read two ways the better-checked reading comes first. VAT ids
are included: a sole trader's VAT id is their tax id.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from functools import lru_cache

# subtype -> (full-match shape, stdnum module)
_ENTRIES: tuple[tuple[str, str, str], ...] = (
    ("eu_vat", r"(?:AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK)"
     r"[\s\-]?[0-9A-Z][0-9A-Z\s\-.]{6,14}", "eu.vat"),
    ("it_codice_fiscale", r"[A-Z]{6}[\dLMNP-V]{2}[A-Z][\dLMNP-V]{2}[A-Z][\dLMNP-V]{3}[A-Z]", "it.codicefiscale"),
    ("mx_curp", r"[A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z\d]\d", "mx.curp"),
    ("cn_ric", r"\d{17}[\dX]", "cn.ric"),
    ("ru_inn", r"\d{12}", "ru.inn"),
    ("jp_my_number", r"\d{4}\s?\d{4}\s?\d{4}", "jp.in_"),
    ("kr_rrn", r"\d{6}-?\d{7}", "kr.rrn"),
    ("ro_cnp", r"[1-9]\d{12}", "ro.cnp"),
    ("ch_ahv", r"756[.\s]?\d{4}[.\s]?\d{4}[.\s]?\d{2}", "ch.ssn"),
    ("pl_pesel", r"\d{11}", "pl.pesel"),
    ("no_fodselsnummer", r"\d{6}\s?\d{5}", "no.fodselsnummer"),
    ("tr_tc_kimlik", r"[1-9]\d{10}", "tr.tckimlik"),
    ("be_national_number", r"\d{2}[.\s]?\d{2}[.\s]?\d{2}[-\s]?\d{3}[.\s]?\d{2}", "be.nn"),
    ("de_idnr", r"\d{2}\s?\d{3}\s?\d{3}\s?\d{3}", "de.idnr"),
    ("br_cpf", r"\d{3}\.?\d{3}\.?\d{3}-?\d{2}", "br.cpf"),
    ("fi_hetu", r"\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]", "fi.hetu"),
    ("se_personnummer", r"(?:\d{2})?\d{6}[-+]?\d{4}", "se.personnummer"),
    ("il_idnr", r"\d{8}-?\d", "il.idnr"),
    ("in_pan", r"[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]", "in_.pan"),
)  # fmt: skip
# The RE2 prefilter pyarrow runs over every value: the union of the shapes above (case-insensitive).
PREFILTER = "(?i)^(?:" + "|".join(shape for _, shape, _ in _ENTRIES) + ")$"
# Subtypes whose validation is a format rule only (no check digit): they count as regex evidence.
FORMAT_ONLY = frozenset({"in_pan"})
SUBTYPES = tuple(subtype for subtype, _, _ in _ENTRIES)


@lru_cache(maxsize=1)
def _checks() -> tuple[tuple[str, re.Pattern[str], Callable[[str], bool]], ...]:
    out = []
    for subtype, shape, module in _ENTRIES:
        is_valid = importlib.import_module(f"stdnum.{module}").is_valid
        out.append((subtype, re.compile(shape), is_valid))
    return tuple(out)


def national_id_subtype(value: str) -> str | None:
    """The subtype of a national id (or VAT id) the value validates as, or None."""
    text = value.strip().upper()
    for subtype, shape, is_valid in _checks():
        if shape.fullmatch(text) and is_valid(text):
            return subtype
    return None
