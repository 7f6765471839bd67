"""Per-job event streams: progress, log lines and status changes, read from any offset.

Each job has a Redis stream `tdm:job:{id}:events`. An event is a small JSON object
(`{type, stage, done, total, message, status, ts}`) stored in the entry's `event` field; the
entry id is the offset a reader resumes from (the SSE `Last-Event-ID`). Streams are trimmed to
about `JOB_EVENTS_MAXLEN` entries and expire `JOB_EVENTS_TTL_S` after the last event.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any, Literal

import redis
import redis.asyncio

from tdm_cache.client import as_text
from tdm_cache.keys import JOB_EVENTS_MAXLEN, JOB_EVENTS_TTL_S, job_events_key

EventType = Literal["progress", "log", "status"]
EVENT_TYPES: frozenset[str] = frozenset({"progress", "log", "status"})
TERMINAL_STATUSES: frozenset[str] = frozenset({"succeeded", "failed", "cancelled"})
EVENT_FIELD = "event"
FOLLOW_BLOCK_MS = 5_000

Event = dict[str, Any]
StreamEntry = tuple[str, Event]


def progress_event(stage: str, done: int, total: int | None = None, message: str = "") -> Event:
    """A progress event: `done` of `total` units (rows, tables, columns) of `stage`."""
    return {"type": "progress", "stage": stage, "done": done, "total": total, "message": message}


def log_event(message: str, stage: str | None = None, level: str = "info") -> Event:
    """A log line event. Never pass row values or secrets."""
    return {"type": "log", "stage": stage, "message": message, "level": level}


def status_event(status: str, message: str = "") -> Event:
    """A status change event (queued, running, succeeded, failed, cancelled)."""
    return {"type": "status", "status": status, "message": message}


def is_terminal(event: Mapping[str, Any]) -> bool:
    """True for a status event after which the job emits nothing more."""
    return event.get("type") == "status" and event.get("status") in TERMINAL_STATUSES


def encode_event(event: Mapping[str, Any]) -> dict[str, str]:
    """The stream entry fields for `event`, stamped with `ts` (Unix seconds) when it has none."""
    if event.get("type") not in EVENT_TYPES:
        raise ValueError(f"event type must be one of {sorted(EVENT_TYPES)}")
    stamped = {"ts": time.time(), **event}
    return {EVENT_FIELD: json.dumps(stamped, separators=(",", ":"), default=str)}


def decode_entries(entries: Sequence[Any]) -> list[StreamEntry]:
    """Turn raw `(id, {field: value})` stream entries into `(event_id, event)` pairs."""
    decoded: list[StreamEntry] = []
    for entry_id, fields in entries:
        raw = fields.get(EVENT_FIELD) if EVENT_FIELD in fields else fields.get(EVENT_FIELD.encode())
        if raw is None:
            continue
        decoded.append((as_text(entry_id), json.loads(raw)))
    return decoded


def _entries_of(reply: Any) -> Sequence[Any]:
    """The entries of a single-stream XREAD reply, which is a list (RESP2) or a dict (RESP3)."""
    if not reply:
        return []
    if isinstance(reply, dict):
        return next(iter(reply.values()))[0]
    return reply[0][1]


class JobEvents:
    """Publish and read job events with a synchronous client."""

    def __init__(self, client: redis.Redis, maxlen: int = JOB_EVENTS_MAXLEN) -> None:
        self._client = client
        self._maxlen = maxlen

    def publish(self, job_id: str, event: Mapping[str, Any]) -> str:
        """Append `event` to the job's stream, refresh the stream's TTL, and return its id."""
        key = job_events_key(job_id)
        pipe = self._client.pipeline(transaction=True)
        pipe.xadd(key, encode_event(event), maxlen=self._maxlen, approximate=True)  # type: ignore[arg-type]
        pipe.expire(key, JOB_EVENTS_TTL_S)
        entry_id, _ = pipe.execute()
        return as_text(entry_id)

    def read(
        self, job_id: str, after: str = "0", block_ms: int | None = None, count: int = 100
    ) -> list[StreamEntry]:
        """Up to `count` events after offset `after` ("0" = from the start).

        With `block_ms`, waits up to that long for a first event when none is there yet.
        """
        reply = self._client.xread({job_events_key(job_id): after}, count=count, block=block_ms)
        return decode_entries(_entries_of(reply))

    def last_id(self, job_id: str) -> str | None:
        """The id of the job's latest event, or None when it has none."""
        entries = self._client.xrevrange(job_events_key(job_id), count=1)
        return as_text(entries[0][0]) if entries else None  # type: ignore[index,union-attr]


class AsyncJobEvents:
    """Publish, read and follow job events with an asyncio client (for the API's SSE stream)."""

    def __init__(self, client: redis.asyncio.Redis, maxlen: int = JOB_EVENTS_MAXLEN) -> None:
        self._client = client
        self._maxlen = maxlen

    async def publish(self, job_id: str, event: Mapping[str, Any]) -> str:
        """Append `event` to the job's stream, refresh the stream's TTL, and return its id."""
        key = job_events_key(job_id)
        async with self._client.pipeline(transaction=True) as pipe:
            pipe.xadd(key, encode_event(event), maxlen=self._maxlen, approximate=True)  # type: ignore[arg-type]
            pipe.expire(key, JOB_EVENTS_TTL_S)
            entry_id, _ = await pipe.execute()
        return as_text(entry_id)

    async def read(
        self, job_id: str, after: str = "0", block_ms: int | None = None, count: int = 100
    ) -> list[StreamEntry]:
        """Up to `count` events after offset `after`, waiting up to `block_ms` for a first one."""
        reply = await self._client.xread({job_events_key(job_id): after}, count=count, block=block_ms)
        return decode_entries(_entries_of(reply))

    async def follow(
        self,
        job_id: str,
        after: str = "0",
        *,
        until_terminal: bool = True,
        max_idle_s: float | None = None,
        block_ms: int = FOLLOW_BLOCK_MS,
    ) -> AsyncIterator[StreamEntry]:
        """Yield the job's events as they arrive, starting after offset `after`.

        Stops after a terminal status event (unless `until_terminal` is False) or once no event
        has arrived for `max_idle_s` seconds, so an SSE handler can close idle streams and let the
        client reconnect with its last event id.
        """
        offset = after
        last_seen = time.monotonic()
        while True:
            entries = await self.read(job_id, after=offset, block_ms=block_ms)
            if not entries:
                if max_idle_s is not None and time.monotonic() - last_seen >= max_idle_s:
                    return
                continue
            last_seen = time.monotonic()
            for entry_id, event in entries:
                offset = entry_id
                yield entry_id, event
                if until_terminal and is_terminal(event):
                    return
