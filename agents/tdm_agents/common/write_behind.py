"""Hand items to a consumer running on a thread of its own, so the caller goes on with the next one.

Direct delivery sends every record batch to two places: the target's COPY and the dataset store's
Parquet writer. Done one after the other on one thread, the encoding for one waits for the
encoding for the other; both run mostly in native code that releases the GIL, so on a thread each
they overlap. The queue is bounded (`depth` items wait at most); the consumer's error is raised in
the caller at its next `put` or at the end; leaving the block on an error stops the consumer
without finishing the queue, before the caller cleans up what the consumer was writing to.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Generic, TypeVar

T = TypeVar("T")

_POLL_S = 0.1  # how often a blocked side checks whether the other one stopped
_END = object()


class WriteBehind(Generic[T]):
    """`with WriteBehind(consume) as behind: behind.put(item)`: `consume(item)` runs on a thread."""

    def __init__(
        self, consume: Callable[[T], object], depth: int = 2, name: str = "tdm-write-behind"
    ) -> None:
        self._consume = consume
        self._slots: queue.Queue[object] = queue.Queue(maxsize=depth)
        self._stopped = threading.Event()  # the caller gave up: drop what is queued
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def __enter__(self) -> WriteBehind[T]:
        self._thread.start()
        return self

    def put(self, item: T) -> None:
        """Queue `item` for the consumer; raises the consumer's error if it failed."""
        self._offer(item)

    def _offer(self, item: object) -> None:
        while True:
            self._raise_error()
            try:
                self._slots.put(item, timeout=_POLL_S)
                return
            except queue.Full:
                if not self._thread.is_alive():
                    self._raise_error()
                    raise RuntimeError("the consumer thread ended early") from None

    def _raise_error(self) -> None:
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        try:
            while not self._stopped.is_set():
                try:
                    item = self._slots.get(timeout=_POLL_S)
                except queue.Empty:
                    continue
                if item is _END:
                    return
                self._consume(item)  # type: ignore[arg-type]
        except BaseException as exc:  # handed to the caller, which raises it
            self._error = exc

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if kind is None:
            try:
                self._offer(_END)
            except BaseException:
                self._stopped.set()
                self._thread.join()
                raise
            self._thread.join()
            self._raise_error()
            return
        self._stopped.set()
        self._thread.join()
