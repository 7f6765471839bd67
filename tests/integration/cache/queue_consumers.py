"""Process entry points for the queue tests (importable by spawned child processes)."""

from __future__ import annotations

import os

from tdm_cache.client import sync_client
from tdm_cache.queue import JobQueue


def claim_and_die(url: str, consumer: str) -> None:
    """Claim one job and exit without acknowledging it, as a worker killed mid-job would."""
    queue = JobQueue(sync_client(url))
    deliveries = queue.claim(consumer, count=1, block_ms=5_000)
    os._exit(0 if deliveries else 3)
