"""A DNS-rebinding resolver stub and a local HTTP server that counts what reaches it.

`RebindingResolver` replaces `socket.getaddrinfo` for a few names: a name answers a public address
for its first N lookups and 127.0.0.1 afterwards (N = 0: always 127.0.0.1). Every other name goes
to the real resolver. A guard that checks a name and then lets the HTTP client look it up again
would reach the local server; one that connects to the address it checked cannot.
"""

from __future__ import annotations

import socket
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

PUBLIC_ADDRESS = "93.184.216.34"  # a global address: the guard lets it pass; nothing connects to it


class RebindingResolver:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.public_lookups: dict[str, int] = {}
        self.lookups: Counter[str] = Counter()
        real = socket.getaddrinfo

        def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
            name = host.decode() if isinstance(host, bytes) else str(host)
            if name.lower() not in self.public_lookups:
                return real(host, port, *args, **kwargs)
            self.lookups[name.lower()] += 1
            public = self.lookups[name.lower()] <= self.public_lookups[name.lower()]
            address = PUBLIC_ADDRESS if public else "127.0.0.1"
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, int(port or 0)))]

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)

    def rebind(self, name: str, public_lookups: int = 1) -> str:
        """`name` answers a public address `public_lookups` times, then 127.0.0.1."""
        self.public_lookups[name.lower()] = public_lookups
        return name

    def local(self, name: str) -> str:
        """`name` always answers 127.0.0.1."""
        return self.rebind(name, 0)


@dataclass
class Hit:
    method: str
    path: str
    host: str


@dataclass
class LocalServer:
    port: int
    hits: list[Hit] = field(default_factory=list)

    def url(self, host: str, path: str = "/") -> str:
        return f"http://{host}:{self.port}{path}"


PAGE = b"<!doctype html><html><head><title>Internal</title></head><body><form><input name='x'></form></body></html>"
SPEC = b'{"openapi": "3.0.0", "info": {"title": "internal", "version": "1"}, "paths": {}}'


@contextmanager
def local_server(redirect_to: str | None = None) -> Iterator[LocalServer]:
    """A server on 127.0.0.1 that records every request; it answers HTML, a spec, a 204 for POSTs,
    or (with `redirect_to`) a redirect to that URL for every GET."""
    box: dict[str, LocalServer] = {}

    class Handler(BaseHTTPRequestHandler):
        def _record(self) -> None:
            box["server"].hits.append(Hit(self.command, self.path, self.headers.get("Host", "")))

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._record()
            if redirect_to is not None:
                self.send_response(302)
                self.send_header("Location", redirect_to)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body, kind = (SPEC, "application/json") if self.path.endswith(".json") else (PAGE, "text/html")
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:  # noqa: N802
            self._record()
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    box["server"] = LocalServer(port=server.server_address[1])
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield box["server"]
    finally:
        server.shutdown()
        server.server_close()
