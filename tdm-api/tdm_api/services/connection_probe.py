"""Checking that a database answers, with a sentence that never repeats the password.

Every failure is a result, never an exception: an unusable stored string, a server that refuses,
times out, or is not PostgreSQL at all (a web server, anything that answers with other bytes).
"""

from __future__ import annotations

import psycopg

from tdm_agents.common.source_db import (
    SourceAddress,
    SourceUrlError,
    connect_failure,
    connect_readonly,
    describe,
)

_APPLICATION_NAME = "tdm-connection-test"


def probe(url: str, timeout_s: int = 5) -> tuple[bool, str, str | None]:
    """(ok, message, server_version) for a libpq connection string."""
    try:
        address = describe(url)
    except SourceUrlError as exc:
        return False, f"The stored connection string cannot be used: {exc}", None
    try:
        with connect_readonly(
            url, connect_timeout_s=timeout_s, statement_timeout_ms=timeout_s * 1000,
            application_name=_APPLICATION_NAME, autocommit=True,
        ) as conn:  # fmt: skip
            version = conn.execute("SHOW server_version").fetchone()
    except psycopg.Error as exc:
        return False, _failure_sentence(exc, address, timeout_s), None
    except (UnicodeError, ValueError, OSError):
        # A peer that is not PostgreSQL can make the driver fail outside its own error classes.
        return False, f"The server at {_where(address)} does not speak the PostgreSQL protocol.", None
    return True, f"Connected to {_where(address)}.", str(version[0]) if version else None


def _failure_sentence(exc: psycopg.Error, address: SourceAddress, timeout_s: int) -> str:
    where = _where(address)
    match connect_failure(exc):
        case "authentication":
            return f"Authentication failed for user {address.user or '(default user)'!r} at {where}."
        case "missing_database":
            return f"Database {address.database!r} does not exist at {where}."
        case "privileges":
            return f"The server at {where} does not allow this user to connect to this database."
        case "timeout":
            return (
                f"Timed out after {timeout_s} s connecting to {where} "
                "(the server is slow, unreachable, or does not speak PostgreSQL)."
            )
        case "not_postgres":
            return f"The server at {where} does not speak the PostgreSQL protocol."
        case _:
            return f"Could not connect to {where} (server unreachable or refused)."


def _where(address: SourceAddress) -> str:
    # Names as the user typed them: printable, since control characters are refused on input.
    return address.where[:300]
