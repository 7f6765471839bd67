"""Numbers, booleans and dates drawn with numpy from declared ranges, statistics or distributions.

Unique integers come from an affine bijection of the row index over the declared range, so they
are distinct without remembering what was drawn.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

import numpy as np
import pyarrow as pa

from tdm_agents.synthetic.errors import SyntheticRequestError
from tdm_agents.synthetic.schema_model import Attribute, Bernoulli, LogNormal, Normal

# Ranges used when neither the schema nor a distribution declares one, by semantic type.
_DEFAULT_RANGES: dict[str | None, tuple[float, float]] = {
    "age": (18, 90),
    "quantity": (1, 10),
    "percentage": (0, 100),
    "amount": (0.5, 5_000),
    None: (0, 10_000),
}
_AMOUNT = LogNormal(mu=3.5, sigma=1.0)


def numeric_range(attribute: Attribute) -> tuple[float, float]:
    """The inclusive range values of a numeric attribute are drawn from."""
    low, high = _DEFAULT_RANGES.get(attribute.semantic_type, _DEFAULT_RANGES[None])
    if isinstance(attribute.min, int | float):
        low = float(attribute.min)
        high = max(high, low)
    if isinstance(attribute.max, int | float):
        high = float(attribute.max)
        low = min(low, high)
    if attribute.type == "integer":
        low, high = math.ceil(low), math.floor(high)
        if low > high:
            raise SyntheticRequestError(f"attribute {attribute.name!r} has an empty integer range")
    return low, high


def integers(attribute: Attribute, rng: np.random.Generator, size: int) -> np.ndarray:
    """Integers inside the attribute's range, shaped by its distribution when it has one."""
    low, high = numeric_range(attribute)
    if isinstance(attribute.distribution, LogNormal | Normal):
        return np.clip(np.rint(_continuous(attribute, rng, size)), low, high).astype(np.int64)
    return rng.integers(int(low), int(high) + 1, size=size, dtype=np.int64)


def unique_integers(attribute: Attribute, start: int, stop: int, total: int, is_key: bool) -> np.ndarray:
    """Distinct integers for rows start..stop of `total`: a sequence for keys, else a scrambled one."""
    low = int(attribute.min) if isinstance(attribute.min, int | float) else 1
    span = int(attribute.max) - low + 1 if isinstance(attribute.max, int | float) else max(total, 1)
    if span < total:
        raise SyntheticRequestError(
            f"attribute {attribute.name!r} cannot hold {total} distinct values in its range"
        )
    index = np.arange(start, stop, dtype=np.int64)
    if is_key or total <= 1:
        return low + index
    # i -> (a*i + b) mod total is a bijection when gcd(a, total) == 1: distinct, yet unordered.
    step = _coprime_step(total)
    return low + (index * step + total // 3) % total


def _coprime_step(total: int) -> int:
    step = int(total * 0.618) | 1
    while math.gcd(step, total) != 1:
        step += 2
    return step


def continuous(attribute: Attribute, rng: np.random.Generator, size: int) -> np.ndarray:
    """Decimals or floats inside the attribute's range, rounded to its scale."""
    low, high = numeric_range(attribute)
    values = np.clip(_continuous(attribute, rng, size), low, high)
    if attribute.type == "decimal":
        values = np.round(values, attribute.scale if attribute.scale is not None else 2)
    return values


def _continuous(attribute: Attribute, rng: np.random.Generator, size: int) -> np.ndarray:
    dist = attribute.distribution
    if (
        dist is None
        and attribute.semantic_type == "amount"
        and attribute.min is None
        and attribute.max is None
    ):
        dist = _AMOUNT
    if isinstance(dist, LogNormal):
        return rng.lognormal(dist.mu, dist.sigma, size)
    if isinstance(dist, Normal):
        return rng.normal(dist.mean, dist.std, size)
    low, high = numeric_range(attribute)
    return rng.uniform(low, high, size)


def booleans(attribute: Attribute, rng: np.random.Generator, size: int) -> np.ndarray:
    """Booleans, true with the attribute's Bernoulli probability (else one half)."""
    p = attribute.distribution.p if isinstance(attribute.distribution, Bernoulli) else 0.5
    return rng.random(size) < p


def time_range(attribute: Attribute, reference: datetime) -> tuple[np.datetime64, np.datetime64]:
    """The range of a date/datetime attribute: declared bounds, else a window before `reference`."""
    name = attribute.name.lower()
    if "birth" in name or name in ("dob", "date_of_birth"):
        low, high = reference - timedelta(days=365 * 90), reference - timedelta(days=365 * 18)
    else:
        low, high = reference - timedelta(days=365 * 3), reference
    low_dt: np.datetime64 = np.datetime64(low, "us")
    high_dt: np.datetime64 = np.datetime64(high, "us")
    if isinstance(attribute.min, str):
        low_dt = _parse_time(attribute.min, low_dt)
    if isinstance(attribute.max, str):
        high_dt = _parse_time(attribute.max, high_dt)
    return (low_dt, high_dt) if low_dt <= high_dt else (high_dt, low_dt)


def _parse_time(text: str, fallback: np.datetime64) -> np.datetime64:
    try:
        return np.datetime64(datetime.fromisoformat(text.replace("Z", "+00:00")).replace(tzinfo=None), "us")
    except ValueError:
        return fallback


def timestamps(attribute: Attribute, rng: np.random.Generator, size: int, reference: datetime) -> np.ndarray:
    """datetime64[us] values uniform inside the attribute's time range."""
    low, high = time_range(attribute, reference)
    span = int((high - low) / np.timedelta64(1, "us"))
    return low + rng.integers(0, max(span, 1), size=size).astype("timedelta64[us]")


def to_arrow_time(values: np.ndarray, attribute: Attribute) -> pa.Array:
    """datetime64[us] values as the attribute's Arrow type (date32 for dates)."""
    if attribute.type == "date":
        return pa.array(values.astype("datetime64[D]"), pa.date32())
    return pa.array(values.astype("datetime64[us]"), pa.timestamp("us"))


def reference_datetime(day: date) -> datetime:
    """Midnight of the reference day: the latest instant default date ranges reach."""
    return datetime(day.year, day.month, day.day)
