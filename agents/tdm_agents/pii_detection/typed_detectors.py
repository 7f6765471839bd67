"""Detectors for columns whose Arrow type says more than their text: dates, floats and bytes.

- dates: a date-of-birth column holds plausible birth dates spread over decades of adults;
  order or signup dates cluster in recent years, so the age distribution tells them apart;
- floats: latitude/longitude candidates (high precision, in range) that become geolocation when
  paired with a sibling candidate in the same table;
- bytes: photos recognised by image magic numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%Y/%m/%d", "%d-%m-%Y")
_IMAGE_MAGIC = (
    ("jpeg", b"\xff\xd8\xff"),
    ("png", b"\x89PNG\r\n\x1a\n"),
    ("gif", b"GIF8"),
    ("bmp", b"BM"),
    ("tiff", b"II*\x00"),
    ("tiff", b"MM\x00*"),
)


@dataclass(frozen=True)
class BirthDateStats:
    """How birth-date-like a column of dates is."""

    plausible_fraction: float
    median_age: float
    age_spread: float  # years between the 10th and 90th percentile ages

    def looks_like_birth_dates(self) -> bool:
        """Birthdays: nearly all plausible, a median age of 25+, spread over 15+ years.

        Event dates (orders, hires, signups) sit in recent decades and give young "ages"; a
        population's birth dates give a median age in the thirties or above.
        """
        return self.plausible_fraction >= 0.9 and self.median_age >= 25 and self.age_spread >= 15


def as_dates(values: pa.Array) -> pa.Array | None:
    """The values as date32, parsing strings in the first common format that fits most of them."""
    if pa.types.is_date(values.type):
        return values.cast(pa.date32())
    if pa.types.is_timestamp(values.type):
        return pc.cast(values, pa.date32())
    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)) or len(values) == 0:
        return None
    trimmed = pc.utf8_trim_whitespace(values)
    for fmt in _DATE_FORMATS:
        parsed = pc.strptime(trimmed, format=fmt, unit="s", error_is_null=True)
        if parsed.null_count <= len(values) * 0.1:
            return pc.cast(parsed, pa.date32())
    return None


def birth_date_stats(dates: pa.Array, today: dt.date | None = None) -> BirthDateStats:
    """Plausibility (1900..today, age 0..120) and the age distribution of a date column."""
    today = today or dt.date.today()
    days = dates.drop_null().to_numpy(zero_copy_only=False).astype("datetime64[D]")
    if days.size == 0:
        return BirthDateStats(0.0, 0.0, 0.0)
    ages = (np.datetime64(today, "D") - days).astype(np.int64) / 365.2425
    plausible = (days >= np.datetime64("1900-01-01")) & (ages >= 0) & (ages <= 120)
    fraction = float(plausible.mean())
    if not plausible.any():
        return BirthDateStats(fraction, 0.0, 0.0)
    kept = ages[plausible]
    p10, p50, p90 = np.percentile(kept, [10, 50, 90])
    return BirthDateStats(fraction, float(p50), float(p90 - p10))


def coordinate_kind(values: pa.Array) -> str | None:
    """'latitude' or 'longitude' for a float column that looks like one, else None.

    Coordinates carry four or more decimals and stay within range; rates and shares that live in
    [-1, 1] are excluded, as are columns with little variety (prices repeat, positions do not).
    """
    if not pa.types.is_floating(values.type) and not pa.types.is_decimal(values.type):
        return None
    numbers = pc.cast(values.drop_null(), pa.float64()).to_numpy(zero_copy_only=False)
    if numbers.size < 5 or np.all(np.abs(numbers) <= 1.0):
        return None
    precise = np.abs(numbers * 1e3 - np.round(numbers * 1e3)) > 1e-6
    if precise.mean() < 0.8 or np.unique(numbers).size < 0.8 * numbers.size:
        return None
    if np.all(np.abs(numbers) <= 90.0):
        return "latitude"
    return "longitude" if np.all(np.abs(numbers) <= 180.0) else None


def coordinate_fraction(values: pa.Array, subtype: str | None) -> float:
    """Share of numeric values inside the range of the named coordinate (for name claims)."""
    if not (
        pa.types.is_floating(values.type)
        or pa.types.is_decimal(values.type)
        or pa.types.is_integer(values.type)
    ):
        return 0.0
    numbers = pc.cast(values.drop_null(), pa.float64()).to_numpy(zero_copy_only=False)
    if numbers.size == 0:
        return 0.0
    limit = 90.0 if subtype == "latitude" else 180.0
    return float((np.abs(numbers) <= limit).mean())


def image_kind(blob: bytes) -> str | None:
    """The image format whose magic number starts the bytes, if any."""
    if blob[:4] == b"RIFF" and blob[8:12] == b"WEBP":
        return "webp"
    if blob[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypavif"):
        return "heic"
    return next((kind for kind, magic in _IMAGE_MAGIC if blob.startswith(magic)), None)


def image_fraction(values: pa.Array) -> tuple[float, str | None]:
    """Share of binary values that are images, and the most common image format."""
    if not (pa.types.is_binary(values.type) or pa.types.is_large_binary(values.type)) or len(values) == 0:
        return 0.0, None
    heads = pc.binary_slice(values.drop_null(), 0, 12).to_pylist()
    kinds = [image_kind(head) for head in heads if head is not None]
    found = [k for k in kinds if k]
    if not kinds:
        return 0.0, None
    common = max(set(found), key=found.count) if found else None
    return len(found) / len(kinds), common
