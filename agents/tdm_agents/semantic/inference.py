"""Combine the declared type, the column name and sampled values into one semantic type.

Evidence, strongest first:
1. a declared type that says it all (uuid, inet, macaddr, json/jsonb): confidence 1.0;
2. sampled text values: the type explaining the largest share (ties go to the more specific
   type, see `PRIORITY`) when that share reaches `VALUE_THRESHOLD`; confidence is the share,
   nudged up when the name agrees. Weak shapes (bare digits) need the name's agreement;
3. the name alone, when the declared type can hold such values: confidence `NAME_ONLY_CONFIDENCE`
   without values, `NAME_CONTRADICTED_CONFIDENCE` when values were sampled and did not agree.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa

from tdm_agents.semantic.name_hints import name_hint
from tdm_agents.semantic.types import PRIORITY, SemanticType
from tdm_agents.semantic.value_patterns import ValueEvidence, clean_values, value_evidence

VALUE_THRESHOLD = 0.8
NAME_AGREEMENT_BONUS = 0.05
NAME_ONLY_CONFIDENCE = 0.55
NAME_CONTRADICTED_CONFIDENCE = 0.3
NUMERIC_NAME_CONFIDENCE = 0.7

_DECLARED: dict[str, SemanticType] = {
    "uuid": SemanticType.UUID,
    "inet": SemanticType.IP_ADDRESS,
    "cidr": SemanticType.IP_ADDRESS,
    "macaddr": SemanticType.MAC_ADDRESS,
    "macaddr8": SemanticType.MAC_ADDRESS,
    "json": SemanticType.JSON,
    "jsonb": SemanticType.JSON,
}
_TEXT_TYPES = ("char", "text", "string", "citext", "name")
_NUMERIC_TYPES = ("int", "numeric", "decimal", "money", "float", "double", "real", "serial")
# The name alone is trusted only where the declared type can hold such values.
_NAME_FITS: dict[str, frozenset[SemanticType]] = {
    "numeric": frozenset(
        {SemanticType.CURRENCY, SemanticType.PHONE, SemanticType.POSTCODE, SemanticType.CREDIT_CARD}
    ),
    "date": frozenset({SemanticType.DATE}),
    "timestamp": frozenset({SemanticType.TIMESTAMP, SemanticType.DATE}),
    "boolean": frozenset({SemanticType.BOOLEAN}),
}

Inference = tuple[str | None, float]


def _family(data_type: str) -> str:
    """Reduce a PostgreSQL type text ('character varying(80)', 'int4', 'numeric(10,2)') to a family."""
    base = data_type.lower().split("(", 1)[0].strip()
    if base.endswith("[]") or base.startswith("_"):
        return "array"
    if base in _DECLARED:
        return base
    if base in ("bool", "boolean"):
        return "boolean"
    if base == "date":
        return "date"
    if base.startswith("timestamp"):
        return "timestamp"
    if any(word in base for word in _NUMERIC_TYPES) and "interval" not in base:
        return "numeric"
    if any(word in base for word in _TEXT_TYPES) or base in ("varchar", "bpchar", "string"):
        return "text"
    return "other"


def _best_by_values(evidence: dict[SemanticType, ValueEvidence], hint: SemanticType | None) -> Inference:
    ranked = sorted(evidence.items(), key=lambda kv: (-kv[1].strong, PRIORITY.index(kv[0])))
    for semantic, share in ranked:
        if share.strong >= VALUE_THRESHOLD:
            bonus = NAME_AGREEMENT_BONUS if _agrees(hint, semantic) else 0.0
            return semantic.value, round(min(1.0, share.strong + bonus), 3)
        break
    if hint is not None:
        for semantic, share in evidence.items():
            if _agrees(hint, semantic) and share.any >= VALUE_THRESHOLD:
                return semantic.value, round(min(1.0, share.any), 3)
    return None, 0.0


def _agrees(hint: SemanticType | None, semantic: SemanticType) -> bool:
    if hint is None:
        return False
    ip_family = {SemanticType.IP_ADDRESS, SemanticType.IPV4, SemanticType.IPV6}
    return hint == semantic or (hint in ip_family and semantic in ip_family)


def infer_semantic_type(
    column_name: str, data_type: str, sample_values: Iterable[str | None] | pa.Array | None = None
) -> Inference:
    """Return `(semantic type or None, confidence in [0, 1])` for one column.

    `data_type` is the PostgreSQL type as text (`format_type` output or the udt name);
    `sample_values` are the column's values as text (up to 1000 are read; nulls and blanks are
    ignored), or None when no values were sampled. The values are only matched, never kept.
    """
    family = _family(data_type)
    if family in _DECLARED:
        return _DECLARED[family].value, 1.0
    hint = name_hint(column_name)
    values = clean_values(sample_values) if sample_values is not None else None
    if family == "text" and values is not None and len(values) > 0:
        found = _best_by_values(value_evidence(values), hint)
        if found[0] is not None:
            return found
        # The values were read and did not bear the name out: the name stays a weak hint only.
        return (hint.value, NAME_CONTRADICTED_CONFIDENCE) if hint else (None, 0.0)
    if hint is None:
        return None, 0.0
    if family == "text":
        return hint.value, NAME_ONLY_CONFIDENCE
    if hint in _NAME_FITS.get(family, frozenset()):
        return hint.value, NUMERIC_NAME_CONFIDENCE if family == "numeric" else NAME_ONLY_CONFIDENCE
    return None, 0.0
