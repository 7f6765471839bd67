"""A local webhook receiver that records every POST and can fail, slow down or hang on purpose, and
the services and settings a webhook sender needs in a test."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tdm_cache.settings import CacheSettings
from tdm_dataset_store import DatasetStoreSettings
from tdm_metadata_store.settings import MetadataStoreSettings
from tdm_orchestrator.services import Services
from tdm_orchestrator.settings import OrchestratorSettings


@dataclass(frozen=True)
class Post:
    path: str
    delivery_id: str
    event: str
    signature: str | None
    body: bytes
    status: int


@dataclass
class Receiver:
    """Answers `fail_status` to the first `fail_first` POSTs and 204 afterwards."""

    fail_first: int = 0
    fail_status: int = 503
    delay_s: float = 0.0
    hang_first: bool = False  # hold the first POST unanswered until `release` is set
    release: threading.Event = field(default_factory=threading.Event)
    posts: list[Post] = field(default_factory=list)
    seen: threading.Event = field(default_factory=threading.Event)
    port: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def accepted(self) -> list[Post]:
        with self._lock:
            return [p for p in self.posts if p.status == 204]

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        body = handler.rfile.read(int(handler.headers.get("Content-Length", "0")))
        with self._lock:
            number = len(self.posts) + 1
            status = self.fail_status if number <= self.fail_first else 204
            self.posts.append(
                Post(
                    handler.path,
                    handler.headers.get("X-TDM-Delivery", ""),
                    handler.headers.get("X-TDM-Event", ""),
                    handler.headers.get("X-TDM-Signature"),
                    body,
                    status if not (self.hang_first and number == 1) else 0,
                )
            )
        self.seen.set()
        if self.hang_first and number == 1:
            self.release.wait(30)
            return  # the sender is gone: nothing to answer
        if self.delay_s:
            self.release.wait(self.delay_s)
        handler.send_response(status)
        handler.end_headers()


@contextmanager
def receiver(**options: object) -> Iterator[Receiver]:
    state = Receiver(**options)  # type: ignore[arg-type]

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            state._answer(self)

        def log_message(self, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.port = server.server_port
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()


def make_services(metadata_db_url: str, redis_url: str, tmp_path: Path) -> Services:
    return Services.from_settings(
        MetadataStoreSettings(DATABASE_URL=metadata_db_url),
        CacheSettings(REDIS_URL=redis_url),
        DatasetStoreSettings(TDM_DATASET_DIR=str(tmp_path / "datasets")),
        pool_size=8,
    )


def sender_settings(**overrides: object) -> OrchestratorSettings:
    """Fast backoff, and the local receiver allowed (loopback is refused by default)."""
    values: dict[str, object] = {
        "webhook_allowed_hosts": "127.0.0.1",
        "webhook_allow_private": False,
        "webhook_first_backoff_s": 0.02,
        "webhook_max_backoff_s": 0.1,
        "webhook_timeout_s": 5.0,
        "webhook_poll_s": 0.05,
        **overrides,
    }
    return OrchestratorSettings(**values)  # type: ignore[arg-type]
