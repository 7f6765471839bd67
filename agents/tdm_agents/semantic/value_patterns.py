"""Recognise value shapes in a sample of text values, vectorized with Arrow's RE2 regex kernel.

Each semantic type has "strong" patterns (a match is good evidence on its own: `jane@x.org`,
`(555) 201-3344`) and optionally "weak" ones (a match is only plausible: `12345` could be a US
ZIP code, a quantity or an id) that count only when the column name agrees. A few types add a
check that a regex cannot do (Luhn for cards, address parsing for IPv6, parsing for JSON); those
run in Python on the regex hits of a bounded sample only.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc
from stdnum import luhn

from tdm_agents.semantic.types import SemanticType

MAX_SAMPLE = 1000

_OCTET = r"(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_HEX4 = "[0-9A-Fa-f]{4}"


def _luhn_ok(value: str) -> bool:
    digits = "".join(ch for ch in value if ch.isdigit())
    return 13 <= len(digits) <= 19 and luhn.is_valid(digits)


def _ipv6_ok(value: str) -> bool:
    try:
        return isinstance(ipaddress.ip_address(value.split("%", 1)[0]), ipaddress.IPv6Address)
    except ValueError:
        return False


def _json_ok(value: str) -> bool:
    try:
        json.loads(value)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class ValuePattern:
    """Full-match RE2 patterns for one semantic type, plus an optional per-value check."""

    semantic_type: SemanticType
    strong: tuple[str, ...]
    weak: tuple[str, ...] = ()
    check: Callable[[str], bool] | None = None


PATTERNS: tuple[ValuePattern, ...] = (
    ValuePattern(
        SemanticType.UUID, (rf"^\{{?[0-9A-Fa-f]{{8}}-{_HEX4}-{_HEX4}-{_HEX4}-[0-9A-Fa-f]{{12}}\}}?$",)
    ),
    ValuePattern(
        SemanticType.EMAIL,
        (r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}$",),
    ),
    ValuePattern(
        SemanticType.URL, (r"^(?i)(https?|ftp)://[^\s/?#]+[^\s]*$", r"^(?i)www\.[^\s/?#]+\.[a-z]{2,}[^\s]*$")
    ),
    ValuePattern(
        SemanticType.MAC_ADDRESS,
        (
            r"^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}$",
            r"^([0-9A-Fa-f]{2}-){5}[0-9A-Fa-f]{2}$",
            rf"^{_HEX4}\.{_HEX4}\.{_HEX4}$",
        ),
    ),
    ValuePattern(SemanticType.IPV4, (rf"^({_OCTET}\.){{3}}{_OCTET}(/[0-9]{{1,2}})?$",)),
    ValuePattern(SemanticType.IPV6, (r"^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[0-9A-Za-z]+)?$",), check=_ipv6_ok),
    ValuePattern(
        SemanticType.CREDIT_CARD,
        (r"^[0-9]{4}([ -]?[0-9]{4}){2}[ -]?[0-9]{1,7}$", r"^[0-9]{4}[ -]?[0-9]{6}[ -]?[0-9]{5}$"),
        check=_luhn_ok,
    ),
    ValuePattern(
        SemanticType.TIMESTAMP,
        (
            r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)?\s?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?$",
            r"^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4},? [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?(\s?(?i)[ap]m)?$",
        ),
    ),
    ValuePattern(
        SemanticType.DATE,
        (
            r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
            r"^[0-9]{4}/[0-9]{2}/[0-9]{2}$",
            r"^[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{4}$",
            r"^[0-9]{1,2} (?i)[a-z]{3,9}\.? [0-9]{4}$",
            r"^(?i)[a-z]{3,9}\.? [0-9]{1,2}, [0-9]{4}$",
        ),
    ),
    ValuePattern(SemanticType.JSON, (r"^\s*(\{.*\}|\[.*\])\s*$",), check=_json_ok),
    ValuePattern(
        SemanticType.BOOLEAN,
        (r"^(?i)(true|false|t|f|yes|no|y|n|on|off)$",),
        weak=(r"^[01]$",),
    ),
    ValuePattern(
        SemanticType.CURRENCY,
        (
            r"^[-+]?[$€£¥₹]\s?[0-9]{1,3}(,?[0-9]{3})*(\.[0-9]{1,2})?$",
            r"^[-+]?[0-9]{1,3}([,.]?[0-9]{3})*([.,][0-9]{1,2})?\s?([€$£¥₹]|(?i)(usd|eur|gbp|jpy|inr|chf|cad|aud))$",
            r"^(?i)(usd|eur|gbp|jpy|inr|chf|cad|aud)\s?[-+]?[0-9]{1,3}(,?[0-9]{3})*(\.[0-9]{1,2})?$",
        ),
        weak=(r"^-?[0-9]+\.[0-9]{2}$",),
    ),
    ValuePattern(
        SemanticType.POSTCODE,
        (
            r"^(?i)[a-z]{1,2}[0-9][a-z0-9]? ?[0-9][a-z]{2}$",
            r"^(?i)[a-z][0-9][a-z] ?[0-9][a-z][0-9]$",
            r"^[0-9]{4} ?(?i)[a-z]{2}$",
            r"^[0-9]{5}-[0-9]{4}$",
        ),
        weak=(r"^[0-9]{5}$", r"^[0-9]{4}$"),
    ),
    ValuePattern(
        SemanticType.PHONE,
        (
            r"^(\+?[0-9]{1,3}[ .-]?)?(\([0-9]{1,4}\)[ .-]?)?[0-9]{2,4}([ .-][0-9]{2,4}){1,4}(\s?(?i)(x|ext\.?)\s?[0-9]{1,6})?$",
            r"^\+[0-9]{7,15}$",
            r"^(\+?[0-9]{1,3}[ .-]?)?\([0-9]{1,4}\)[ .-]?[0-9]{2,4}([ .-]?[0-9]{2,4}){1,3}(\s?(?i)(x|ext\.?)\s?[0-9]{1,6})?$",
        ),
        weak=(r"^[0-9]{7,15}$",),
    ),
)


@dataclass(frozen=True)
class ValueEvidence:
    """Share of non-empty sampled values matching a type: strongly, and strongly-or-weakly."""

    strong: float
    any: float


def clean_values(values: Iterable[str | None] | pa.Array) -> pa.Array:
    """At most `MAX_SAMPLE` values as a string array, trimmed, without nulls and blanks."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if not isinstance(values, pa.Array):
        values = pa.array(list(values)[:MAX_SAMPLE], type=pa.string())
    values = values.slice(0, MAX_SAMPLE).cast(pa.string())
    trimmed = pc.utf8_trim_whitespace(values.filter(pc.is_valid(values)))
    return trimmed.filter(pc.greater(pc.utf8_length(trimmed), 0))


def _matches(values: pa.Array, patterns: Sequence[str]) -> pa.Array:
    hit = pa.array([False] * len(values))
    for pattern in patterns:
        hit = pc.or_(hit, pc.match_substring_regex(values, pattern))
    return hit


def _count(values: pa.Array, patterns: Sequence[str], check: Callable[[str], bool] | None) -> int:
    if not patterns:
        return 0
    hits = values.filter(_matches(values, patterns))
    if check is None:
        return len(hits)
    return sum(1 for v in hits.to_pylist() if check(v))


def value_evidence(values: Iterable[str | None] | pa.Array) -> dict[SemanticType, ValueEvidence]:
    """For each semantic type with any match, the share of values it explains (≤ 1000 values read).

    Nulls and blank strings are ignored; an empty sample returns an empty dict.
    """
    array = clean_values(values)
    total = len(array)
    if total == 0:
        return {}
    evidence: dict[SemanticType, ValueEvidence] = {}
    for spec in PATTERNS:
        strong = _count(array, spec.strong, spec.check)
        weak = _count(array, spec.weak, spec.check)
        if strong or weak:
            evidence[spec.semantic_type] = ValueEvidence(strong / total, min(1.0, (strong + weak) / total))
    return evidence
