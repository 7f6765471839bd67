"""Write-behind consumes every item in order on its own thread, bounds what waits, raises the
consumer's error in the caller and, when the caller fails, stops without finishing the queue."""

from __future__ import annotations

import threading

import pytest

from tdm_agents.common.write_behind import WriteBehind


def test_every_item_is_consumed_in_order_on_another_thread():
    consumed, threads = [], set()

    def consume(item):
        consumed.append(item)
        threads.add(threading.current_thread().name)

    with WriteBehind(consume, depth=3, name="tdm-test-behind") as behind:
        for i in range(200):
            behind.put(i)
    assert consumed == list(range(200))
    assert threads == {"tdm-test-behind"}


def test_the_caller_waits_once_depth_items_are_queued():
    release, consumed = threading.Event(), []

    def consume(item):
        release.wait(5)
        consumed.append(item)

    with WriteBehind(consume, depth=2) as behind:
        behind.put(0)  # taken by the consumer, which blocks
        behind.put(1)
        behind.put(2)  # the queue is full now
        blocked = threading.Thread(target=behind.put, args=(3,))
        blocked.start()
        blocked.join(0.3)
        assert blocked.is_alive(), "a fourth item does not fit"
        release.set()
        blocked.join(5)
    assert consumed == [0, 1, 2, 3]


def test_the_consumers_error_is_raised_at_the_next_put():
    failed = threading.Event()

    def consume(item):
        if item == 1:
            failed.set()
            raise OSError("target gone")

    with pytest.raises(OSError, match="target gone"), WriteBehind(consume) as behind:
        behind.put(0)
        behind.put(1)
        assert failed.wait(5)
        for i in range(2, 100):
            behind.put(i)


def test_the_consumers_error_on_the_last_item_is_raised_at_the_end():
    def consume(item):
        raise ValueError("cannot encode")

    with pytest.raises(ValueError, match="cannot encode"), WriteBehind(consume) as behind:
        behind.put(0)


def test_a_failing_caller_stops_the_consumer_before_leaving():
    started, release, consumed = threading.Event(), threading.Event(), []

    def consume(item):
        started.set()
        release.wait(0.5)
        consumed.append(item)

    with pytest.raises(RuntimeError, match="store broke"), WriteBehind(consume, depth=4) as behind:
        for i in range(4):
            behind.put(i)
        assert started.wait(5)
        raise RuntimeError("store broke")
    # Left the block only once the consumer stopped: nothing runs on behind the caller's back.
    assert not [t for t in threading.enumerate() if t.name == "tdm-write-behind"]
    assert len(consumed) < 4, "what was still queued is dropped"
