"""Checking that a database answers, with a sentence that never repeats the password."""

from __future__ import annotations

import psycopg
from sqlalchemy.engine import make_url


def probe(url: str, timeout_s: int = 5) -> tuple[bool, str, str | None]:
    """(ok, message, server_version) for a PostgreSQL URL."""
    parsed = make_url(url)
    where = f"{parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database or ''}"
    libpq = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        with psycopg.connect(libpq, connect_timeout=timeout_s) as conn:
            version = conn.execute("SHOW server_version").fetchone()
    except psycopg.OperationalError as exc:
        text = str(exc).lower()
        if "password authentication failed" in text or "authentication failed" in text:
            return False, f"Authentication failed for user {parsed.username!r} at {where}.", None
        if "does not exist" in text and "database" in text:
            return False, f"Database {parsed.database!r} does not exist at {where}.", None
        if "timeout" in text or "timed out" in text:
            return False, f"Timed out connecting to {where}.", None
        return False, f"Could not connect to {where} (server unreachable or refused).", None
    return True, f"Connected to {where}.", str(version[0]) if version else None
