"""Value detectors: what the sampled values of each column say about PII.

All string values of all columns are stacked into one Arrow array so that every pattern's RE2
prefilter runs once, vectorized, over everything; validators then run only on the values their
prefilter let through. A column is flagged for a type when the share of its non-null sampled
values that validate crosses the type's threshold. Alongside the evidence, each profile keeps the
share of values *compatible* with every type, which the merger uses to check a name's claim
(a column named `email` full of integers is not an email column).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tdm_agents.pii_detection import free_text, typed_detectors
from tdm_agents.pii_detection.models import ColumnSample, Evidence
from tdm_agents.pii_detection.patterns import VALUE_PATTERNS, ValuePattern
from tdm_agents.pii_detection.validators import CHECKSUM_NATIONAL_IDS

# Loose shapes a value of each type must at least have; used to test what a column name claims.
COMPATIBLE_SHAPES: dict[str, str] = {
    "email": r"@",
    "phone": r"^[+(]?\d[\d\s().\-/x]{4,24}$",
    "credit_card": r"^[\d\s\-*Xx#]{12,23}$",
    "iban": r"^[A-Za-z]{2}\d{2}",
    "national_id": r"^[A-Za-z\s\-./]{0,4}\d[A-Za-z0-9\s\-./]{4,23}$",
    "bank_account": r"\d",
    "ip_address": r"^[0-9A-Fa-f:.]{3,45}$",
    "mac_address": r"^[0-9A-Fa-f:.\-]{12,17}$",
    "postcode": r"^[A-Za-z0-9 \-]{3,10}$",
    "date_of_birth": r"^\d{1,4}[\-/.]\d{1,2}[\-/.]\d{1,4}|^\d{4}$",
    "geolocation": r"^\(?-?\d{1,3}\.\d+\s*[,; ]\s*-?\d{1,3}\.\d+\)?$|^POINT",
}
_NUMERIC_COMPATIBLE = frozenset(
    {"phone", "credit_card", "national_id", "bank_account", "postcode", "date_of_birth"}
)
_GEO_PAIR = r"^\(?\s*-?\d{1,2}\.\d{3,}\s*[,;]\s*-?\d{1,3}\.\d{3,}\s*\)?$|^POINT\s*\(\s*-?\d{1,3}\.\d+\s+-?\d{1,2}\.\d+\s*\)$"


@dataclass
class ValueProfile:
    """What the values of one column showed: evidence per type and compatibility shares."""

    sample_size: int
    evidence: list[Evidence] = field(default_factory=list)
    compatible: dict[str, float] = field(default_factory=dict)
    coordinate: str | None = None  # 'latitude'/'longitude' candidate, paired per table later


def _string_view(values: pa.Array) -> pa.Array | None:
    """The values as trimmed strings when their text can hold PII patterns, else None."""
    kind = values.type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return pc.utf8_trim_whitespace(values.cast(pa.large_string()))
    if pa.types.is_integer(kind) or (pa.types.is_decimal(kind) and kind.scale == 0):
        return values.cast(pa.large_string())
    return None


def _stack(samples: Sequence[ColumnSample]) -> tuple[pa.Array, np.ndarray]:
    """All columns' string views end to end, and the column index that owns each position."""
    views = [_string_view(s.values.drop_null()) for s in samples]
    arrays = [view for view in views if view is not None and len(view)]
    owners = [
        np.full(len(view), i, dtype=np.int64)
        for i, view in enumerate(views)
        if view is not None and len(view)
    ]
    if not arrays:
        return pa.array([], type=pa.large_string()), np.zeros(0, dtype=np.int64)
    return pa.concat_arrays(arrays), np.concatenate(owners)


def _mask(strings: pa.Array, pattern: str) -> np.ndarray:
    return pc.fill_null(pc.match_substring_regex(strings, pattern), False).to_numpy(zero_copy_only=False)


def _run_pattern(
    pattern: ValuePattern, strings: pa.Array, owners: np.ndarray, totals: np.ndarray
) -> dict[int, tuple[int, Counter[str]]]:
    mask = _mask(strings, pattern.prefilter)
    if pattern.exclude:
        mask &= ~_mask(strings, pattern.exclude)
    # A column whose prefilter hits stay below the threshold cannot be flagged whatever the
    # validator says: its values are not validated at all.
    candidates = np.bincount(owners[mask], minlength=len(totals))
    mask &= (candidates >= pattern.threshold * totals)[owners]
    positions = np.flatnonzero(mask)
    hits: dict[int, tuple[int, Counter[str]]] = {}
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for owner, value in zip(owners[positions], strings.take(pa.array(positions)).to_pylist(), strict=True):
        subtype = pattern.validate(value)
        if subtype is not None:
            counts[int(owner)][subtype] += 1
    for owner, counter in counts.items():
        hits[owner] = (sum(counter.values()), counter)
    return hits


def _pattern_evidence(
    pattern: ValuePattern, matched: int, counter: Counter[str], total: int, digits: bool
) -> Evidence:
    fraction = matched / total
    subtype = counter.most_common(1)[0][0] or None
    technique = pattern.technique
    if pattern.pii_type == "national_id" and subtype in CHECKSUM_NATIONAL_IDS:
        technique = "checksum"
    flagged = fraction >= pattern.threshold and not pattern.weak
    confidence = (
        round(pattern.confidence * (0.85 + 0.15 * fraction), 2) if flagged else min(0.45, pattern.confidence)
    )
    rule = f"{technique} rule for {pattern.pii_type}" + (f" ({subtype})" if subtype else "")
    explanation = f"{rule}: {matched}/{total} sampled values ({fraction:.0%}) matched"
    return Evidence(pattern.pii_type, technique, confidence, explanation, subtype, round(fraction, 3), digits)  # type: ignore[arg-type]


def profile_columns(samples: Sequence[ColumnSample], today: dt.date | None = None) -> list[ValueProfile]:
    """Profile the sampled values of many columns at once (one regex pass per pattern)."""
    strings, owners = _stack(samples)
    totals = [len(s.values) - s.values.null_count for s in samples]
    totals_array = np.array(totals, dtype=np.int64)
    profiles = [ValueProfile(sample_size=n) for n in totals]
    digit_only = _mask(strings, r"^[\d\s\-]+$") if len(strings) else np.zeros(0, dtype=bool)
    digit_share = np.bincount(owners, weights=digit_only, minlength=len(samples))
    for pattern in VALUE_PATTERNS:
        for owner, (matched, counter) in _run_pattern(pattern, strings, owners, totals_array).items():
            if matched < pattern.threshold * totals[owner]:
                continue  # a few matching values say nothing about the column
            digits = digit_share[owner] >= 0.5 * totals[owner] and not pattern.formatted
            profiles[owner].evidence.append(
                _pattern_evidence(pattern, matched, counter, totals[owner], digits)
            )
    _add_compatibility(profiles, samples, strings, owners)
    text = _TextStats.of(strings, owners, len(samples))
    for i, sample in enumerate(samples):
        _add_typed_evidence(profiles[i], sample, today)
        if text.values_of(i, strings) is not None:
            _add_text_evidence(profiles[i], text, i, strings)
    _pair_coordinates(samples, profiles)
    return profiles


def _add_compatibility(profiles, samples, strings: pa.Array, owners: np.ndarray) -> None:
    for pii_type, shape in COMPATIBLE_SHAPES.items():
        counts = np.bincount(owners[_mask(strings, shape)], minlength=len(samples)) if len(strings) else None
        for i, profile in enumerate(profiles):
            if profile.sample_size and counts is not None:
                profile.compatible[pii_type] = float(counts[i]) / profile.sample_size
    for profile, sample in zip(profiles, samples, strict=True):
        kind = sample.values.type
        if profile.sample_size and (pa.types.is_integer(kind) or pa.types.is_decimal(kind)):
            for pii_type in COMPATIBLE_SHAPES:
                if pii_type not in _NUMERIC_COMPATIBLE and pii_type != "geolocation":
                    profile.compatible[pii_type] = 0.0


@dataclass
class _TextStats:
    """Per-value text measures computed once over the stacked strings of all columns."""

    bounds: np.ndarray  # column i owns stacked positions bounds[i]:bounds[i+1]
    letter_words: np.ndarray
    geo_pairs: np.ndarray

    @classmethod
    def of(cls, strings: pa.Array, owners: np.ndarray, columns: int) -> _TextStats:
        bounds = np.searchsorted(owners, np.arange(columns + 1))
        empty = np.zeros(0, dtype=bool)
        pairs = _mask(strings, _GEO_PAIR) if len(strings) else empty
        return cls(bounds, free_text.letter_word_counts(strings), pairs)

    def values_of(self, i: int, strings: pa.Array) -> pa.Array | None:
        start, end = self.bounds[i], self.bounds[i + 1]
        return strings.slice(start, end - start) if end > start else None

    def span(self, i: int) -> slice:
        return slice(self.bounds[i], self.bounds[i + 1])


def _add_typed_evidence(profile: ValueProfile, sample: ColumnSample, today) -> None:
    values = sample.values.drop_null()
    if not len(values):
        return
    dates = typed_detectors.as_dates(values)
    if dates is not None:
        stats = typed_detectors.birth_date_stats(dates, today)
        profile.compatible["date_of_birth"] = stats.plausible_fraction
        if stats.looks_like_birth_dates():
            profile.evidence.append(_birth_date_evidence(stats))
    if pa.types.is_floating(values.type) or pa.types.is_decimal(values.type):
        profile.coordinate = typed_detectors.coordinate_kind(values)
        profile.compatible["geolocation"] = typed_detectors.coordinate_fraction(values, "longitude")
    share, image = typed_detectors.image_fraction(values)
    if share:
        profile.compatible["photo"] = share
        if share >= 0.5:
            explanation = f"image magic numbers ({image}) in {share:.0%} of sampled values"
            profile.evidence.append(
                Evidence("photo", "regex", round(0.7 + 0.25 * share, 2), explanation, image, share)
            )


def _birth_date_evidence(stats: typed_detectors.BirthDateStats) -> Evidence:
    explanation = (
        f"date plausibility rule: {stats.plausible_fraction:.0%} of sampled dates are plausible birth dates "
        f"(median age {stats.median_age:.0f}, spread {stats.age_spread:.0f} years)"
    )
    return Evidence("date_of_birth", "regex", 0.7, explanation, None, round(stats.plausible_fraction, 3))


def _add_text_evidence(profile: ValueProfile, text: _TextStats, i: int, strings: pa.Array) -> None:
    span = text.span(i)
    pairs = float(text.geo_pairs[span].mean())
    if pairs >= 0.8:
        explanation = f"lat/lon pair rule: {pairs:.0%} of sampled values are coordinate pairs"
        profile.evidence.append(
            Evidence("geolocation", "regex", 0.9, explanation, "lat_lon_pair", round(pairs, 3))
        )
    view = text.values_of(i, strings)
    if view is not None and free_text.is_free_text(text.letter_words[span]):
        share, kinds = free_text.pii_mention_share(view)
        profile.compatible["free_text_pii"] = 1.0
        if share >= free_text.FLAG_SHARE and share * len(view) >= 2:
            confidence = round(min(0.85, 0.6 + share), 2)
            explanation = f"free text: {share:.0%} of sampled values mention PII ({', '.join(kinds)})"
            profile.evidence.append(
                Evidence("free_text_pii", "regex", confidence, explanation, None, round(share, 3))
            )


def _pair_coordinates(samples: Sequence[ColumnSample], profiles: list[ValueProfile]) -> None:
    """Latitude and longitude candidates in the same table make each other geolocation."""
    by_table: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, sample in enumerate(samples):
        if profiles[i].coordinate:
            by_table[(sample.schema_name, sample.table)].append(i)
    for members in by_table.values():
        kinds = {profiles[i].coordinate for i in members}
        if len(members) < 2 or "latitude" not in kinds:
            continue
        for i in members:
            subtype = profiles[i].coordinate
            explanation = (
                f"coordinate pair rule: high-precision values within {subtype} range, paired in the table"
            )
            profiles[i].evidence.append(Evidence("geolocation", "regex", 0.6, explanation, subtype, 1.0))
