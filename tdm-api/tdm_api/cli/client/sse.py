"""Decoding a Server-Sent Events stream into (id, event, data) records."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ServerEvent:
    """One event of the stream: its id (for resuming), its name and its decoded JSON data."""

    id: str | None
    event: str
    data: dict[str, Any]


def parse_events(lines: Iterable[str]) -> Iterator[ServerEvent]:
    """Events from the stream's lines (comments such as keep-alives are skipped)."""
    event_id: str | None = None
    name = "message"
    data_lines: list[str] = []
    for raw in lines:
        line = raw.rstrip("\r")
        if not line:
            if data_lines:
                yield ServerEvent(event_id, name, _decode("\n".join(data_lines)))
            event_id, name, data_lines = None, "message", []
            continue
        if line.startswith(":"):
            continue
        field, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if field == "data":
            data_lines.append(value)
        elif field == "event":
            name = value
        elif field == "id":
            event_id = value
    if data_lines:
        yield ServerEvent(event_id, name, _decode("\n".join(data_lines)))


def _decode(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {"message": text}
    return value if isinstance(value, dict) else {"value": value}
