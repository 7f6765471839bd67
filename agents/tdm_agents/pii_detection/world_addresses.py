"""Street addresses written in non-Latin scripts (Japanese, Chinese, Korean, Cyrillic, Arabic, ...).

Each script has its own tell: administrative units in a fixed order (都道府県 → 市区町村 → 丁目/番地,
省 → 市 → 路/街 + 号, 시/도 → 구 → 로/길), or a street word next to a house number (ул., вулиця,
شارع, רחוב, οδός). Without a street word, a house number followed by a comma and a place name
('נחל סרפד 29, חצור') is the common shape of the rest.
"""

from __future__ import annotations

import re

from tdm_agents.pii_detection.scripts import script_of

_CJK = re.compile(
    r"[都道府県省].{0,8}[市区區町村郡县縣].*(?:\d|丁目|番地|号|號)|[市区县].{0,12}[路街道巷].{0,8}\d"
    r"|[路街巷弄段]\d*[段巷弄]?\d+[号號]"
)
_HANGUL = re.compile(r"\S(?:로|길|거리|가)\s*\d")
_STREET_WORDS = frozenset({
    "ул", "улица", "пр", "пр-т", "просп", "проспект", "пер", "переулок", "бул", "бульвар", "ш", "шоссе",
    "наб", "набережная", "пл", "площадь", "алл", "аллея", "д", "дом", "кв", "стр", "вулиця", "вул",
    "провулок", "буд", "площа", "бульв", "шарл", "شارع", "طريق", "حي", "عمارة", "ص.ب", "רחוב", "רח'",
    "שדרות", "שד'", "דרך", "סמטת", "οδός", "οδος", "λεωφόρος", "λεωφ", "πλατεία", "ถนน", "ซอย", "मार्ग", "नगर",
})  # fmt: skip
_HOUSE_NUMBER_THEN_PLACE = re.compile(r"\S\s\d{1,4}[/\-]?\d{0,3},\s*\S")
_NUMBER_COMMA_SCRIPTS = frozenset({"hebrew", "greek", "arabic", "thai", "devanagari"})
_WORD = re.compile(r"[^\s,]+")


def is_street_address(value: str) -> bool:
    """True when a value written in a non-Latin script reads as a street address."""
    script = script_of(value)
    if script in (None, "latin") or len(value) > 160 or not any(ch.isdigit() for ch in value):
        return False
    if script in ("cjk", "mixed") and _CJK.search(value):
        return True
    if script in ("hangul", "mixed") and _HANGUL.search(value):
        return True
    words = {w.strip(".,:;()").lower() for w in _WORD.findall(value)}
    if words & _STREET_WORDS:
        return True
    # Hebrew, Greek, Arabic address lines often have no street word: a name, a number, a comma, a place.
    return script in _NUMBER_COMMA_SCRIPTS and bool(_HOUSE_NUMBER_THEN_PLACE.search(value))
