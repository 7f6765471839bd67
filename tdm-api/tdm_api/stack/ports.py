"""Free-port selection for embedded servers."""

import socket

from tenacity import RetryError, Retrying, retry_if_exception_type, stop_after_delay, wait_fixed


class PortTaken(RuntimeError):
    """A server must come back on its port (clients hold URLs with it), but another process has it."""


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """True when nobody listens on host:port.

    SO_REUSEADDR ignores connections of a previous server still in TIME_WAIT, which servers
    (PostgreSQL, Redis) ignore too; without it a restarted stack would lose its port for a minute.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
        return True


def wait_for_port(port: int, host: str = "127.0.0.1", timeout: float = 30.0) -> bool:
    """True once something accepts connections on host:port, False after `timeout` seconds."""
    retrying = Retrying(
        stop=stop_after_delay(timeout), wait=wait_fixed(0.1), retry=retry_if_exception_type(OSError)
    )
    try:
        for attempt in retrying:
            with attempt, socket.create_connection((host, port), timeout=0.5):
                pass
    except RetryError:
        return False
    return True
