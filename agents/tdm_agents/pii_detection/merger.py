"""Merge what names, values and the LLM said about a column into one finding.

Rules, in order:
1. a column name is checked against the values: a name whose claim the sampled values contradict
   (a `long_description` full of prose is no longitude) is dropped;
2. a name that denotes a thing's identifier (`sku`, `tracking_no`) vetoes value evidence resting
   on digits alone, so Luhn-valid product codes are not cards;
3. weak value evidence (bare digits that could be a phone, a ZIP or an SSN) counts only when the
   name says the same;
4. between types, checksum evidence beats everything else, then the highest combined confidence;
   agreeing techniques reinforce each other. Reviews are applied afterwards and beat everything.
"""

from __future__ import annotations

import pyarrow as pa

from tdm_agents.pii_detection.detectors import COMPATIBLE_SHAPES, ValueProfile
from tdm_agents.pii_detection.models import TECHNIQUE_STRENGTH, ColumnSample, Evidence, PiiFinding

FLAG_THRESHOLD = 0.5  # merged confidence from which a column is reported as PII
_TEXT_ONLY_TYPES = frozenset({"person_name", "street_address", "city", "username", "free_text_pii", "email"})
_VALUE_ONLY_TYPES = frozenset({"free_text_pii"})  # a `notes` column is PII only if its text mentions PII
_LLM_VETO_BELOW = 0.7  # an LLM "none" overrules name-only evidence weaker than this


def _is_text(sample: ColumnSample) -> bool:
    kind = sample.values.type
    return pa.types.is_string(kind) or pa.types.is_large_string(kind)


def name_holds(name: Evidence, sample: ColumnSample, profile: ValueProfile) -> bool:
    """Whether the sampled values leave the name's claim standing (always, when nothing was sampled)."""
    if profile.sample_size == 0 or name.pii_type is None:
        return True
    if pa.types.is_boolean(sample.values.type):
        return False
    pii_type = name.pii_type
    if pii_type in _VALUE_ONLY_TYPES:
        return False
    if pii_type in COMPATIBLE_SHAPES or pii_type == "photo":
        return profile.compatible.get(pii_type, 0.0) >= 0.5
    if pii_type in _TEXT_ONLY_TYPES:
        return _is_text(sample)
    return True


def _combine(evidence: list[Evidence]) -> float:
    """Independent techniques that agree make a finding more certain than either alone."""
    remaining = 1.0
    for item in evidence:
        remaining *= 1.0 - item.confidence
    return round(min(0.99, 1.0 - remaining), 2) if len(evidence) > 1 else round(evidence[0].confidence, 2)


def _candidates(sample: ColumnSample, name: Evidence | None, profile: ValueProfile, llm: Evidence | None):
    name_kept = name if name is not None and name_holds(name, sample, profile) else None
    veto_digits = name_kept is not None and name_kept.pii_type is None
    by_type: dict[str, list[Evidence]] = {}
    for item in profile.evidence:
        if item.pii_type is None or (veto_digits and item.digits_only):
            continue
        weak = item.confidence < FLAG_THRESHOLD
        if weak and (name_kept is None or name_kept.pii_type != item.pii_type):
            continue
        best = by_type.setdefault(item.pii_type, [])
        # Keep one value evidence per type: the strongest.
        if not any(e.technique != "name" and e.confidence >= item.confidence for e in best):
            by_type[item.pii_type] = [e for e in best if e.technique == "name"] + [item]
    if len(by_type) > 1:
        # Text that *is* an address or a name is that, not free text that mentions one.
        by_type.pop("free_text_pii", None)
    for extra in (name_kept, llm):
        if extra is not None and extra.pii_type is not None:
            by_type.setdefault(extra.pii_type, []).append(extra)
    return by_type, name_kept


def merge_column(
    sample: ColumnSample, name: Evidence | None, profile: ValueProfile, llm: Evidence | None = None
) -> PiiFinding | None:
    """One finding for the column, or None when the evidence does not reach the flag threshold."""
    by_type, name_kept = _candidates(sample, name, profile, llm)
    if llm is not None and llm.pii_type is None:
        by_type = {t: ev for t, ev in by_type.items() if not _only_weak_names(ev)}
    if not by_type:
        return None

    def rank(item: tuple[str, list[Evidence]]) -> tuple[bool, float, int]:
        evidence = item[1]
        has_checksum = any(e.technique == "checksum" for e in evidence)
        return has_checksum, _combine(evidence), max(TECHNIQUE_STRENGTH[e.technique] for e in evidence)

    pii_type, evidence = max(by_type.items(), key=rank)
    confidence = _combine(evidence)
    if confidence < FLAG_THRESHOLD:
        return None
    strongest = max(evidence, key=lambda e: (TECHNIQUE_STRENGTH[e.technique], e.confidence))
    subtype = next((e.subtype for e in sorted(evidence, key=_subtype_order) if e.subtype), None)
    return PiiFinding(
        schema_name=sample.schema_name,
        table=sample.table,
        column=sample.column,
        pii_type=pii_type,  # type: ignore[arg-type]
        subtype=subtype,
        confidence=confidence,
        technique=strongest.technique,
        explanation="; ".join(e.explanation for e in evidence),
    )


def _only_weak_names(evidence: list[Evidence]) -> bool:
    return all(
        e.technique == "name" and e.confidence < _LLM_VETO_BELOW for e in evidence if e.technique != "llm"
    )


def _subtype_order(evidence: Evidence) -> int:
    # Values know the subtype best (a BSN is a BSN whatever the column is called), then names.
    return -TECHNIQUE_STRENGTH[evidence.technique]
