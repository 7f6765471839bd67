"""`choose_api_port`: the asked-for port or a clear error; else last run's, else 8000, else any free one."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from tdm_api.stack import supervisor
from tdm_api.stack.ports import free_port
from tdm_api.stack.supervisor import StackError, choose_api_port


@contextmanager
def listening() -> Iterator[int]:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield server.getsockname()[1]


def test_a_requested_port_in_use_is_refused_by_number():
    with listening() as port, pytest.raises(StackError, match=f"port {port} for the API is already in use"):
        choose_api_port(port, None)


def test_the_previous_port_is_kept_while_free():
    port = free_port()
    assert choose_api_port(None, port) == port


def test_a_busy_previous_and_default_port_give_way_to_a_free_one(monkeypatch):
    with listening() as previous, listening() as default:
        monkeypatch.setattr(supervisor, "DEFAULT_API_PORT", default)
        chosen = choose_api_port(None, previous)
    assert chosen not in (previous, default)


def test_the_default_is_taken_when_nothing_was_asked_or_used_before(monkeypatch):
    port = free_port()
    monkeypatch.setattr(supervisor, "DEFAULT_API_PORT", port)
    assert choose_api_port(None, None) == port
