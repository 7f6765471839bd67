"""Read-only connections to a source database, with failures explained in one sentence.

Every failure becomes a `DiscoveryError` whose message names the host, port, database and user
but never the password, and whose `reason` lets the caller decide whether a retry can help.
The original driver exception is not chained: libpq messages are not under our control.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import psycopg
from psycopg import conninfo as pg_conninfo
from psycopg import errors as pg_errors

FailureReason = Literal[
    "invalid_url",
    "unreachable",
    "timeout",
    "authentication",
    "missing_database",
    "missing_schema",
    "privileges",
    "query_failed",
]

# Reasons that may go away on their own (a server restarting, a network blip).
TRANSIENT_REASONS: frozenset[str] = frozenset({"unreachable", "timeout"})

_ACCEPTED_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg", "postgresql+psycopg2")
_AUTH_STATES = {"28P01", "28000"}
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


@dataclass(frozen=True)
class SourceAddress:
    """Where a URL points, without its password: safe to put in messages."""

    host: str
    port: str
    database: str
    user: str

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port}"


def normalize_url(url: str) -> str:
    """Turn an SQLAlchemy-style URL (`postgresql+psycopg://`) into one libpq accepts."""
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.lower() not in _ACCEPTED_SCHEMES:
        raise DiscoveryError(
            "The connection URL is not a PostgreSQL URL (expected postgresql://user:password@host:port/database).",
            "invalid_url",
        )
    return f"postgresql://{rest}"


def describe_source(url: str) -> SourceAddress:
    """Parse a URL into host, port, database and user, raising a clean error when it is malformed."""
    normalized = normalize_url(url)
    try:
        params = pg_conninfo.conninfo_to_dict(normalized)
    except psycopg.ProgrammingError:
        raise DiscoveryError(
            "The connection URL could not be parsed (expected postgresql://user:password@host:port/database).",
            "invalid_url",
        ) from None
    user = str(params.get("user") or "")
    return SourceAddress(
        host=str(params.get("host") or "localhost"),
        port=str(params.get("port") or "5432"),
        database=str(params.get("dbname") or user or "postgres"),
        user=user or "(default user)",
    )


def open_source(url: str, timeout_s: float = 10, statement_timeout_s: float = 300) -> psycopg.Connection:
    """Open an autocommit, read-only session on a source database.

    Statements run in read-only transactions and are bounded by `statement_timeout_s`, so a
    discovery can neither change the source nor hold it busy for long. Raises `DiscoveryError`.
    """
    address = describe_source(url)
    try:
        conn = psycopg.connect(
            normalize_url(url),
            connect_timeout=max(1, int(timeout_s)),
            autocommit=True,
            application_name=_APPLICATION_NAME,
        )
    except psycopg.Error as exc:
        raise connection_error(exc, address, timeout_s) from None
    try:
        conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        conn.execute(
            "SELECT set_config('statement_timeout', %s, false)", (f"{int(statement_timeout_s * 1000)}",)
        )
    except psycopg.Error as exc:
        conn.close()
        raise query_error(exc, "preparing the session") from None
    return conn


def connection_error(exc: psycopg.Error, address: SourceAddress, timeout_s: float) -> DiscoveryError:
    """Translate a failed connection attempt into one sentence (the raw libpq text is not kept)."""
    state = exc.sqlstate or ""
    text = str(exc).lower()
    auth_failed = any(m in text for m in ("password authentication failed", "no password supplied"))
    unknown_role = "role" in text and "does not exist" in text
    if state in _AUTH_STATES or auth_failed or unknown_role:
        return DiscoveryError(
            f'Authentication failed for user "{address.user}" on {address.server}: check the user name and password.',
            "authentication",
        )
    if state == "3D000" or ("database" in text and "does not exist" in text):
        return DiscoveryError(
            f'Database "{address.database}" does not exist on {address.server}.', "missing_database"
        )
    if state == "42501" or "permission denied" in text or "pg_hba.conf" in text:
        return DiscoveryError(
            f'User "{address.user}" is not allowed to connect to database "{address.database}" on {address.server}.',
            "privileges",
        )
    if "timeout" in text or "timed out" in text:
        return DiscoveryError(f"Timed out after {timeout_s:g} s connecting to {address.server}.", "timeout")
    return DiscoveryError(
        f"Cannot reach the database server at {address.server}: the host is unknown, down or refusing connections.",
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
