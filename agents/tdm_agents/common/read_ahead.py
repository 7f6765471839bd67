"""Pull an iterator's next items on a thread of their own while the caller works on the current one.

Reading a dataset table (Parquet decoding, object-store reads) runs in native code that releases
the GIL, as does sending COPY data; overlapping the two keeps both the reader and the target busy.
The queue is bounded, so at most `depth` items wait in memory; an error in the reader is raised in
the caller at the item where it happened; a caller that stops early stops the reader too.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

_POLL_S = 0.1  # how often a blocked reader checks whether the caller went away


class _End:
    """Marks the end of the items, carrying the reader's error if it failed."""

    def __init__(self, error: BaseException | None = None) -> None:
        self.error = error


def read_ahead(items: Iterable[T], depth: int = 2, name: str = "tdm-read-ahead") -> Iterator[T]:
    """The items of `items`, in order, fetched up to `depth` ahead on a background thread."""
    slots: queue.Queue[T | _End] = queue.Queue(maxsize=depth)
    stopped = threading.Event()

    def offer(item: T | _End) -> bool:
        while not stopped.is_set():
            try:
                slots.put(item, timeout=_POLL_S)
                return True
            except queue.Full:
                continue
        return False

    source = iter(items)

    def reader() -> None:
        try:
            for item in source:
                if not offer(item):
                    return
        except BaseException as exc:  # handed to the caller, which raises it
            offer(_End(exc))
            return
        finally:
            close = getattr(source, "close", None)
            if close is not None:
                close()  # a generator's own cleanup (open files) runs now, on this thread
        offer(_End())

    thread = threading.Thread(target=reader, name=name, daemon=True)
    thread.start()
    try:
        while not isinstance(item := slots.get(), _End):
            yield item
        if item.error is not None:
            raise item.error
    finally:
        stopped.set()
        thread.join()
