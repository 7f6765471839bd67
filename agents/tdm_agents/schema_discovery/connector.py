"""Read-only connections to a source database, with failures explained in one sentence.

Every failure becomes a `DiscoveryError` whose message names the host, port, database and user
but never the password, and whose `reason` lets the caller decide whether a retry can help.
The original driver exception is not chained: libpq messages are not under our control.
"""

from __future__ import annotations

from typing import Literal

import psycopg
from psycopg import errors as pg_errors

from tdm_agents.common.source_db import (
    SourceAddress,
    SourceUrlError,
    connect_failure,
    connect_readonly,
    describe,
)

FailureReason = Literal[
    "invalid_url",
    "unreachable",
    "timeout",
    "authentication",
    "missing_database",
    "missing_schema",
    "privileges",
    "query_failed",
    "not_postgres",
]

# Reasons that may go away on their own (a server restarting, a network blip).
TRANSIENT_REASONS: frozenset[str] = frozenset({"unreachable", "timeout"})

_APPLICATION_NAME = "tdm-schema-discovery"


class DiscoveryError(Exception):
    """A discovery failure a user can act on; `str()` is one sentence without secrets."""

    def __init__(self, message: str, reason: FailureReason) -> None:
        super().__init__(message)
        self.reason: FailureReason = reason

    @property
    def transient(self) -> bool:
        """True when retrying later may succeed (host down, timeout)."""
        return self.reason in TRANSIENT_REASONS


def describe_source(url: str) -> SourceAddress:
    """Host(s), port(s), database and user of a connection string; a clean error when it is malformed."""
    try:
        return describe(url)
    except SourceUrlError as exc:
        raise DiscoveryError(str(exc), "invalid_url") from None


def open_source(url: str, timeout_s: float = 10, statement_timeout_s: float = 300) -> psycopg.Connection:
    """Open an autocommit, read-only session on a source database.

    Statements run in read-only transactions and are bounded by `statement_timeout_s`, so a
    discovery can neither change the source nor hold it busy for long. Raises `DiscoveryError`.
    """
    address = describe_source(url)
    try:
        conn = connect_readonly(
            url,
            connect_timeout_s=timeout_s,
            statement_timeout_ms=int(statement_timeout_s * 1000),
            application_name=_APPLICATION_NAME,
            autocommit=True,
        )
    except psycopg.Error as exc:
        raise connection_error(exc, address, timeout_s) from None
    return conn


def connection_error(exc: psycopg.Error, address: SourceAddress, timeout_s: float) -> DiscoveryError:
    """Translate a failed connection attempt into one sentence (the raw libpq text is not kept)."""
    user, server = address.user or "(default user)", address.server
    match connect_failure(exc):
        case "authentication":
            return DiscoveryError(
                f'Authentication failed for user "{user}" on {server}: check the user name and password.',
                "authentication",
            )
        case "missing_database":
            return DiscoveryError(
                f'Database "{address.database}" does not exist on {server}.', "missing_database"
            )
        case "privileges":
            return DiscoveryError(
                f'User "{user}" is not allowed to connect to database "{address.database}" on {server}.',
                "privileges",
            )
        case "timeout":
            return DiscoveryError(f"Timed out after {timeout_s:g} s connecting to {server}.", "timeout")
        case "not_postgres":
            return DiscoveryError(
                f"The server at {server} does not speak the PostgreSQL protocol.", "not_postgres"
            )
    return DiscoveryError(
        f"Cannot reach the database server at {server}: the host is unknown, down or refusing connections.",
        "unreachable",
    )


def query_error(exc: psycopg.Error, what: str) -> DiscoveryError:
    """Translate a failed catalog or sampling query; `what` names the object, never a value."""
    if isinstance(exc, pg_errors.InsufficientPrivilege):
        return DiscoveryError(f"Permission denied while {what}.", "privileges")
    if isinstance(exc, pg_errors.QueryCanceled):
        return DiscoveryError(f"The statement timeout was reached while {what}.", "timeout")
    if isinstance(exc, psycopg.OperationalError):
        return DiscoveryError(f"The connection to the source database was lost while {what}.", "unreachable")
    return DiscoveryError(
        f"A query failed while {what} (SQLSTATE {exc.sqlstate or 'unknown'}).", "query_failed"
    )
