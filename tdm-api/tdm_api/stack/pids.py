"""Whether a server process is alive: a killed daemon may linger as a zombie until it is reaped."""

from __future__ import annotations

import psutil


def process_alive(pid: int | None) -> bool:
    """True while `pid` runs; a zombie (dead, not yet reaped by its parent) counts as dead."""
    if pid is None:
        return False
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False
