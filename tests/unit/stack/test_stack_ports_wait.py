"""`wait_for_port`: retried until a server listens, False once the time is up."""

from __future__ import annotations

import socket
import threading
import time

from tdm_api.stack.ports import free_port, wait_for_port


def test_a_port_nobody_opens_gives_up_after_the_timeout():
    started = time.monotonic()
    assert wait_for_port(free_port(), timeout=0.4) is False
    assert 0.4 <= time.monotonic() - started < 2.0


def test_a_server_that_starts_late_is_waited_for():
    port = free_port()
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)

    def listen_later() -> None:
        time.sleep(0.3)
        server.bind(("127.0.0.1", port))
        server.listen()

    thread = threading.Thread(target=listen_later)
    thread.start()
    try:
        assert wait_for_port(port, timeout=5.0) is True
    finally:
        thread.join()
        server.close()
