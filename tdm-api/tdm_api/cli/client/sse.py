"""A job's Server-Sent Events, read with httpx-sse: each event's id (for resuming), name and JSON data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from httpx_sse import EventSource


@dataclass(frozen=True)
class ServerEvent:
    """One event of the stream: the last event id seen (for resuming), its name and its decoded JSON data."""

    id: str | None
    event: str
    data: dict[str, Any]


def job_events(source: EventSource) -> Iterator[ServerEvent]:
    """The events of a stream that carry data (keep-alive comments and empty events are skipped)."""
    for sse in source.iter_sse():
        if sse.data:
            yield ServerEvent(sse.id or None, sse.event, _decode(sse.data))


def _decode(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {"message": text}
    return value if isinstance(value, dict) else {"value": value}
