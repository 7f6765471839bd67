"""Read-ahead keeps order, bounds what waits, raises the reader's error in place and stops early."""

from __future__ import annotations

import threading
import time

import pytest

from tdm_agents.common.read_ahead import read_ahead


def test_items_arrive_in_order():
    assert list(read_ahead(iter(range(100)), depth=3)) == list(range(100))


def test_the_reader_runs_at_most_depth_items_ahead():
    produced = []

    def source():
        for i in range(50):
            produced.append(i)
            yield i

    items = read_ahead(source(), depth=2)
    assert next(items) == 0
    time.sleep(0.3)
    # One item handed out, two waiting in the queue, one held by the blocked reader.
    assert len(produced) <= 4
    assert list(items) == list(range(1, 50))


def test_an_error_in_the_reader_is_raised_where_it_happened():
    def source():
        yield 1
        yield 2
        raise OSError("store unreachable")

    items = read_ahead(source())
    assert [next(items), next(items)] == [1, 2]
    with pytest.raises(OSError, match="store unreachable"):
        next(items)


def test_a_caller_that_stops_early_stops_and_closes_the_reader():
    closed = threading.Event()

    def source():
        try:
            yield from range(10_000)
        finally:
            closed.set()

    items = read_ahead(source(), depth=2)
    assert next(items) == 0
    items.close()
    assert closed.wait(2)
    assert not [t for t in threading.enumerate() if t.name == "tdm-read-ahead"]
