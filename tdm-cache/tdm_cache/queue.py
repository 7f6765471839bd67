"""A durable job queue on a Redis stream with a consumer group (at-least-once delivery).

Life of an entry: `enqueue` appends it; a worker's `claim` delivers it to that worker only and
puts it in the group's pending list; the worker `touch`es its pending entries while it runs them
(a heartbeat that keeps their idle time low); `ack` removes the entry when the job is done. If a
worker dies, its entries stop being touched, grow idle, and another worker takes them over with
`reclaim_stale`, which also reports how many times each was delivered so a job that keeps killing
workers can be failed instead of retried forever.

Entries are deleted on ack, so the stream holds exactly the jobs not yet finished: `depth()` and
`queued_job_ids()` read it directly. PostgreSQL stays the system of record: after Redis loses
data, the orchestrator re-enqueues `queued` jobs missing from `queued_job_ids()`. A consumer
group lost with the data is recreated on the first NOGROUP error.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

import redis
import redis.asyncio
from redis.exceptions import ResponseError

from tdm_cache.client import as_text
from tdm_cache.keys import QUEUE_GROUP, QUEUE_STREAM

T = TypeVar("T")
PAGE_SIZE = 500
RECLAIM_SCAN_ROUNDS = 20

# Claims to `consumer` only the given entries that it still owns and resets their idle time.
# Checking ownership and claiming in one script keeps a worker's heartbeat from taking back an
# entry that another worker has already reclaimed from it.
_TOUCH_SCRIPT = """
local owned = {}
local claim = {KEYS[1], ARGV[1], ARGV[2], 0}
for i = 3, #ARGV do
  local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1)
  if pending[1] and pending[1][2] == ARGV[2] then
    owned[#owned + 1] = ARGV[i]
    claim[#claim + 1] = ARGV[i]
  end
end
if #owned > 0 then
  claim[#claim + 1] = 'JUSTID'
  redis.call('XCLAIM', unpack(claim))
end
return owned
"""


@dataclass(frozen=True)
class Delivery:
    """One job handed to a worker; `delivery_count` is 1 on first delivery."""

    entry_id: str
    job_id: str
    operation: str
    delivery_count: int


def entry_fields(job_id: str, operation: str) -> dict[str, str]:
    """The stream fields of a queue entry."""
    if not job_id or not operation:
        raise ValueError("job_id and operation are required")
    return {"job_id": job_id, "operation": operation, "enqueued_at": f"{time.time():.6f}"}


def _field(fields: Any, name: str) -> str:
    value = fields.get(name)
    if value is None:
        value = fields.get(name.encode())
    return as_text(value) if value is not None else ""


def _stream_entries(reply: Any) -> list[tuple[Any, Any]]:
    """Entries of a single-stream XREADGROUP reply (a list under RESP2, a dict under RESP3)."""
    if not reply:
        return []
    if isinstance(reply, dict):
        return list(next(iter(reply.values()))[0])
    return list(reply[0][1])


def _is_nogroup(error: ResponseError) -> bool:
    # Inside a script the server prefixes the message ("Error running script ...: NOGROUP ...").
    return "NOGROUP" in str(error)


def _is_busygroup(error: ResponseError) -> bool:
    return str(error).startswith("BUSYGROUP")


class JobQueue:
    """The job queue, used by the API (enqueue) and the workers (claim, touch, ack, reclaim)."""

    def __init__(self, client: redis.Redis, stream: str = QUEUE_STREAM, group: str = QUEUE_GROUP) -> None:
        self._client = client
        self.stream = stream
        self.group = group
        self._touch = client.register_script(_TOUCH_SCRIPT)

    def ensure_group(self) -> None:
        """Create the stream and its consumer group if missing; a no-op when they exist.

        The group starts at the stream's beginning, so entries added while it was missing (e.g.
        re-enqueued after a Redis restart) are still delivered.
        """
        try:
            self._client.xgroup_create(self.stream, self.group, id="0", mkstream=True)
        except ResponseError as error:
            if not _is_busygroup(error):
                raise

    def _with_group(self, command: Callable[[], T]) -> T:
        """Run `command`, recreating the consumer group once if Redis lost it."""
        try:
            return command()
        except ResponseError as error:
            if not _is_nogroup(error):
                raise
        self.ensure_group()
        return command()

    def enqueue(self, job_id: str, operation: str) -> str:
        """Append a job to the queue and return its entry id. Call after the job row is committed."""
        return as_text(self._client.xadd(self.stream, entry_fields(job_id, operation)))  # type: ignore[arg-type]

    def claim(self, consumer: str, count: int = 1, block_ms: int | None = 1000) -> list[Delivery]:
        """Up to `count` never-delivered jobs for `consumer`, waiting up to `block_ms` for one."""
        reply = self._with_group(
            lambda: self._client.xreadgroup(
                self.group, consumer, {self.stream: ">"}, count=count, block=block_ms
            )
        )
        return [
            Delivery(as_text(entry_id), _field(fields, "job_id"), _field(fields, "operation"), 1)
            for entry_id, fields in _stream_entries(reply)
            if fields is not None
        ]

    def ack(self, delivery: Delivery) -> None:
        """Mark the job done: drop it from the pending list and from the stream, atomically."""
        pipe = self._client.pipeline(transaction=True)
        pipe.xack(self.stream, self.group, delivery.entry_id)
        pipe.xdel(self.stream, delivery.entry_id)
        pipe.execute()

    def touch(self, consumer: str, deliveries: Sequence[Delivery]) -> list[Delivery]:
        """Heartbeat: reset the idle time of `consumer`'s running entries.

        Returns the deliveries `consumer` still owns; one missing from the result was reclaimed
        by another worker (this one was presumed dead) and should be abandoned.
        """
        if not deliveries:
            return []
        ids = [delivery.entry_id for delivery in deliveries]
        try:
            owned = self._touch(keys=[self.stream], args=[self.group, consumer, *ids])
        except ResponseError as error:
            if not _is_nogroup(error):
                raise
            self.ensure_group()
            return []
        owned_ids = {as_text(entry_id) for entry_id in owned}
        return [delivery for delivery in deliveries if delivery.entry_id in owned_ids]

    def reclaim_stale(self, consumer: str, min_idle_ms: int, count: int = 10) -> list[Delivery]:
        """Take over up to `count` entries idle for `min_idle_ms` (their worker stopped touching them).

        Each returned delivery carries its delivery count, including this one.
        """
        claimed: list[tuple[Any, Any]] = []
        cursor: Any = "0-0"
        for _ in range(RECLAIM_SCAN_ROUNDS):
            command = partial(
                self._client.xautoclaim,
                self.stream,
                self.group,
                consumer,
                min_idle_ms,
                cursor,
                count=count - len(claimed),
            )
            reply: Any = self._with_group(command)
            cursor = reply[0]
            claimed.extend((entry_id, fields) for entry_id, fields in reply[1] if fields is not None)
            if len(claimed) >= count or as_text(cursor) == "0-0":
                break
        return self._with_delivery_counts(claimed)

    def _with_delivery_counts(self, entries: list[tuple[Any, Any]]) -> list[Delivery]:
        if not entries:
            return []
        pipe = self._client.pipeline(transaction=False)
        for entry_id, _ in entries:
            pipe.xpending_range(self.stream, self.group, min=entry_id, max=entry_id, count=1)
        pending_rows = pipe.execute()
        deliveries = []
        for (entry_id, fields), rows in zip(entries, pending_rows, strict=True):
            times = int(rows[0]["times_delivered"]) if rows else 1
            job_id, operation = _field(fields, "job_id"), _field(fields, "operation")
            deliveries.append(Delivery(as_text(entry_id), job_id, operation, times))
        return deliveries

    def _pending_entry_ids(self) -> set[str]:
        ids: set[str] = set()
        start = "-"
        while True:
            command = partial(
                self._client.xpending_range, self.stream, self.group, min=start, max="+", count=PAGE_SIZE
            )
            rows: Any = self._with_group(command)
            ids.update(as_text(row["message_id"]) for row in rows)
            if len(rows) < PAGE_SIZE:
                return ids
            start = "(" + as_text(rows[-1]["message_id"])

    def _entries(self) -> Iterator[tuple[str, Any]]:
        start = "-"
        while True:
            page: Any = self._client.xrange(self.stream, min=start, max="+", count=PAGE_SIZE)
            for entry_id, fields in page:
                yield as_text(entry_id), fields
            if len(page) < PAGE_SIZE:
                return
            start = "(" + as_text(page[-1][0])

    def pending_job_ids(self) -> set[str]:
        """Ids of jobs delivered to some worker and not yet acknowledged."""
        pending = self._pending_entry_ids()
        return {_field(fields, "job_id") for entry_id, fields in self._entries() if entry_id in pending}

    def queued_job_ids(self) -> set[str]:
        """Ids of every job in the stream, delivered or not: the jobs Redis knows are unfinished."""
        return {_field(fields, "job_id") for _, fields in self._entries()}

    def depth(self) -> int:
        """Number of unfinished jobs in the queue (waiting plus running)."""
        return int(self._client.xlen(self.stream))  # type: ignore[arg-type]


class AsyncJobQueue:
    """The enqueue side of `JobQueue` for asyncio code (the API's request handlers)."""

    def __init__(
        self, client: redis.asyncio.Redis, stream: str = QUEUE_STREAM, group: str = QUEUE_GROUP
    ) -> None:
        self._client = client
        self.stream = stream
        self.group = group

    async def ensure_group(self) -> None:
        """Create the stream and its consumer group if missing; a no-op when they exist."""
        try:
            await self._client.xgroup_create(self.stream, self.group, id="0", mkstream=True)
        except ResponseError as error:
            if not _is_busygroup(error):
                raise

    async def enqueue(self, job_id: str, operation: str) -> str:
        """Append a job to the queue and return its entry id. Call after the job row is committed."""
        entry_id = await self._client.xadd(self.stream, entry_fields(job_id, operation))  # type: ignore[arg-type]
        return as_text(entry_id)

    async def depth(self) -> int:
        """Number of unfinished jobs in the queue (waiting plus running)."""
        return int(await self._client.xlen(self.stream))
