"""Which writing system a value is written in, from the Unicode blocks of its letters."""

from __future__ import annotations

import re

# Letters outside Latin (Basic, Latin-1, Extended-A/B and Additional): the fast path for most data.
_NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2000-\u206f]")
_BLOCKS: tuple[tuple[str, str], ...] = (
    ("cjk", "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"),
    ("hangul", "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"),
    ("cyrillic", "\u0400-\u052f"),
    ("arabic", "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"),
    ("hebrew", "\u0590-\u05ff\ufb1d-\ufb4f"),
    ("greek", "\u0370-\u03ff\u1f00-\u1fff"),
    ("thai", "\u0e00-\u0e7f"),
    ("devanagari", "\u0900-\u097f"),
)
_SCRIPT_RE = {name: re.compile(f"[{block}]") for name, block in _BLOCKS}
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_IDEOGRAPHIC_PUNCT = re.compile(r"[\u3000-\u303f\u30fb\u30fc\uff01-\uff0f]")


def script_of(value: str) -> str | None:
    """'latin', one of the scripts above, 'mixed' (two scripts), or None (no letters at all)."""
    if not _NON_LATIN.search(value):
        return "latin" if _LATIN_LETTER.search(value) else None
    found = [name for name, pattern in _SCRIPT_RE.items() if pattern.search(value)]
    if _LATIN_LETTER.search(value):
        found.append("latin")
    if len(found) == 1:
        return found[0]
    if not found:
        return "latin" if _IDEOGRAPHIC_PUNCT.sub("", value) else None
    return "mixed"
