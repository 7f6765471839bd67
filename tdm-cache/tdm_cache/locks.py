"""Distributed locks with owner tokens and a TTL, e.g. one subset run per schema version.

Built on redis-py's `Lock` (SET NX PX to take it, Lua compare-and-delete to release and
compare-and-pexpire to extend), configured so its token is shared across threads: a worker may
take a lock in one thread and release it from another. A holder that dies keeps the lock only
until its TTL runs out; a long holder calls `extend()` between batches, or keeps the lock alive
from a thread with `LockKeepAlive`.
"""

from __future__ import annotations

import threading
import uuid
from types import TracebackType

import redis
from redis.exceptions import LockError
from redis.lock import Lock

RETRY_INTERVAL_S = 0.05


class LockNotAcquired(Exception):
    """The lock was held by someone else for the whole time we were willing to wait."""


class RedisLock:
    """A lock on `key` that expires `ttl_s` seconds after it was taken or last extended."""

    def __init__(
        self,
        client: redis.Redis,
        key: str,
        ttl_s: float,
        *,
        acquire_timeout_s: float | None = None,
        retry_interval_s: float = RETRY_INTERVAL_S,
        token: str | None = None,
    ) -> None:
        if ttl_s <= 0:
            raise ValueError("ttl_s must be positive")
        self.key = key
        self.ttl_s = ttl_s
        self.acquire_timeout_s = acquire_timeout_s
        # A caller-chosen token names an owner that outlives a process (e.g. a job whose earlier
        # attempt died holding the lock): such a lock is taken over at once instead of timing out.
        self.token = token or uuid.uuid4().hex
        self._reclaimable = token is not None
        self._lock = Lock(
            client,
            key,
            timeout=ttl_s,
            sleep=retry_interval_s,
            thread_local=False,
            raise_on_release_error=True,
        )

    def acquire(self, blocking: bool = True, timeout_s: float | None = None) -> bool:
        """Take the lock; True when taken.

        Non-blocking: one attempt. Blocking: retry until taken or `timeout_s` passed (None waits
        forever).
        """
        if self._reclaimable and self._reclaim():
            return True
        return bool(self._lock.acquire(blocking=blocking, blocking_timeout=timeout_s, token=self.token))

    def _reclaim(self) -> bool:
        """Adopt the lock if it is held under our own token; the TTL is reset atomically (compare-and-pexpire)."""
        self._lock.local.token = self._lock.redis.connection_pool.get_encoder().encode(self.token)
        try:
            self._lock.extend(self.ttl_s, replace_ttl=True)
        except LockError:
            self._lock.local.token = None
            return False
        return True

    def release(self) -> bool:
        """Release the lock if this holder still owns it; False when it had already expired.

        Compare-and-delete: a lock that expired and was taken by another holder is left alone.
        """
        try:
            self._lock.release()
        except LockError:  # never taken, or expired: either way not ours to delete
            return False
        return True

    def extend(self) -> bool:
        """Reset the TTL to `ttl_s` if this holder still owns the lock; False when it was lost."""
        try:
            self._lock.extend(self.ttl_s, replace_ttl=True)
        except LockError:
            return False
        return True

    def owned(self) -> bool:
        """True while this holder owns the lock."""
        return self._lock.owned()

    def __enter__(self) -> RedisLock:
        if not self.acquire(blocking=True, timeout_s=self.acquire_timeout_s):
            raise LockNotAcquired(f"lock {self.key} is held elsewhere")
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


class LockLost(Exception):
    """A kept-alive lock could not be extended: another holder may have taken it."""


class LockKeepAlive:
    """Extends a held lock every `every_s` seconds from a daemon thread, for as long as one step
    of the holder's work runs (however long a single statement takes).

    A Redis error is retried at the next tick; a refused extension means the lock was lost, which
    `check()` reports to the holder at its next safe point.
    """

    def __init__(self, lock: RedisLock, every_s: float) -> None:
        if every_s <= 0:
            raise ValueError("every_s must be positive")
        self.lock = lock
        self.every_s = every_s
        self.lost = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"keep-alive {lock.key}", daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.every_s):
            try:
                if not self.lock.extend():
                    self.lost = True
                    return
            except redis.RedisError:  # a hiccup: the next tick may work, well within the TTL
                continue

    def check(self) -> None:
        """Raise LockLost when an extension was refused."""
        if self.lost:
            raise LockLost(f"lock {self.lock.key} was lost")

    def start(self) -> LockKeepAlive:
        """Begin extending (in a daemon thread)."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop extending; the lock stays held until released or expired."""
        self._stop.set()
        self._thread.join()

    def __enter__(self) -> LockKeepAlive:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
