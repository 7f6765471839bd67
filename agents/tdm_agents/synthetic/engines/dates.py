"""Which date columns come first and which follow: `created_at <= updated_at`, children after parents."""

from __future__ import annotations

import numpy as np

from tdm_agents.semantic import name_tokens
from tdm_agents.synthetic.schema_model import Attribute, Entity

_ANCHOR_WORDS = frozenset(
    {
        "created",
        "opened",
        "registered",
        "signup",
        "joined",
        "start",
        "started",
        "issued",
        "placed",
        "ordered",
        "effective",
        "admitted",
        "booked",
        "submitted",
    }
)
_LATER_WORDS = frozenset(
    {
        "updated",
        "modified",
        "changed",
        "shipped",
        "delivered",
        "closed",
        "end",
        "ended",
        "expires",
        "expiry",
        "expiration",
        "paid",
        "resolved",
        "completed",
        "discharged",
        "cancelled",
        "settled",
        "last",
        "due",
        "approved",
        "processed",
    }
)
_TIME_TYPES = ("date", "datetime")


def _is_time(attribute: Attribute) -> bool:
    return attribute.type in _TIME_TYPES and "birth" not in attribute.name.lower()


def anchor_attribute(entity: Entity) -> Attribute | None:
    """The attribute that says when a row came to be (created_at, order_date, ...), if any."""
    times = [a for a in entity.attributes if _is_time(a)]
    for attribute in times:
        if _ANCHOR_WORDS & set(name_tokens(attribute.name)):
            return attribute
    later = {a.name for a in later_attributes(entity, None)}
    return next((a for a in times if a.name not in later), None)


def later_attributes(entity: Entity, anchor: Attribute | None) -> list[Attribute]:
    """Date attributes that must not precede the anchor (updated_at, shipped_at, ...)."""
    return [
        a
        for a in entity.attributes
        if _is_time(a) and a is not anchor and _LATER_WORDS & set(name_tokens(a.name))
    ]


def offsets(rng: np.random.Generator, size: int, mean_days: float) -> np.ndarray:
    """Non-negative exponential delays as timedelta64[us] (most short, a few long)."""
    micros = rng.exponential(mean_days * 86_400e6, size).astype(np.int64)
    return micros.astype("timedelta64[us]")
