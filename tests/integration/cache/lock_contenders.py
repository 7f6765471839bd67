"""Process entry points for the lock tests (importable by spawned child processes)."""

from __future__ import annotations

import os
import time
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event

from tdm_cache.client import sync_client
from tdm_cache.locks import RedisLock


def hold_repeatedly(
    url: str, key: str, rounds: int, hold_s: float, start: Event, results: Queue[object]
) -> None:
    """Take the lock `rounds` times, hold it `hold_s` each time, and report the held intervals."""
    client = sync_client(url)
    intervals: list[tuple[float, float]] = []
    start.wait(timeout=30)
    for _ in range(rounds):
        lock = RedisLock(client, key, ttl_s=10)
        if not lock.acquire(blocking=True, timeout_s=20):
            results.put(("timeout", os.getpid()))
            return
        began = time.monotonic()
        time.sleep(hold_s)
        ended = time.monotonic()
        released = lock.release()
        intervals.append((began, ended))
        if not released:
            results.put(("lost", os.getpid()))
            return
    results.put(("ok", intervals))


def take_and_die(url: str, key: str, ttl_s: float, results: Queue[object]) -> None:
    """Take the lock, report when, and exit without releasing it (as a crashed worker would)."""
    client = sync_client(url)
    lock = RedisLock(client, key, ttl_s=ttl_s)
    lock.acquire(blocking=True, timeout_s=10)
    results.put(time.monotonic())
    # os._exit skips the queue's feeder thread, so flush the report first.
    results.close()
    results.join_thread()
    os._exit(0)
