"""Connections to a target PostgreSQL, with failures turned into one clear sentence.

The URL comes decrypted from the caller and never appears in a message: psycopg's own error text
can quote host, user or database, so only our fixed sentences reach the user.
"""

from __future__ import annotations

import re

import psycopg

from tdm_agents.provisioning.errors import LoadError, TargetConnectionError

CONNECT_TIMEOUT_S = 10


def connect(url: str, *, application_name: str = "tdm-provisioning") -> psycopg.Connection:
    """Open a connection with autocommit off: everything after this runs in one transaction."""
    try:
        return psycopg.connect(
            url, connect_timeout=CONNECT_TIMEOUT_S, application_name=application_name, autocommit=False
        )
    except psycopg.Error as exc:
        raise TargetConnectionError(_connection_sentence(exc)) from None


def _connection_sentence(exc: psycopg.Error) -> str:
    text = str(exc).lower()
    if "password" in text or "authentication" in text or "no pg_hba.conf entry" in text:
        return "The target database rejected the login (check the environment's user and password)."
    if "does not exist" in text and "database" in text:
        return "The target database named in the environment's connection does not exist."
    if "permission denied" in text or "not permitted" in text:
        return "The target database refused the connection: the role may not connect to this database."
    if "timeout" in text or "timed out" in text:
        return "The target database did not answer in time."
    return "The target database refused the connection or is unreachable."


def probe(url: str) -> dict[str, str]:
    """Connect, read the server version and the role, and check it may create objects in the database."""
    with connect(url) as conn:
        row = conn.execute(
            "SELECT current_setting('server_version'), current_database(), "
            "has_database_privilege(current_database(), 'CREATE')"
        ).fetchone()
        conn.rollback()
    assert row is not None
    return {"server_version": str(row[0]), "database": str(row[1]), "can_create_schema": str(bool(row[2]))}


def describe_database_error(exc: psycopg.Error, action: str) -> LoadError:
    """A LoadError naming the failed action and the kind of failure, without the server's text.

    The server's message can quote row values (a duplicate key, a failing check), so only the
    SQLSTATE's class and the constraint or object name (identifiers, not data) are kept.
    """
    diag = getattr(exc, "diag", None)
    constraint = getattr(diag, "constraint_name", None) if diag else None
    table = getattr(diag, "table_name", None) if diag else None
    column = (getattr(diag, "column_name", None) if diag else None) or _copy_column(diag)
    where = (f" on table {table}" if table else "") + (f", column {column}" if column else "")
    named = f" (constraint {constraint})" if constraint else ""
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return LoadError(f"The target role lacks the privileges to {action}{where}.")
    if isinstance(exc, psycopg.errors.IntegrityError):
        return LoadError(f"The data violates a target constraint while trying to {action}{where}{named}.")
    if isinstance(exc, psycopg.errors.DataError):
        return LoadError(f"A value does not fit its target column while trying to {action}{where}.")
    if isinstance(
        exc, psycopg.errors.UndefinedObject | psycopg.errors.UndefinedTable | psycopg.errors.UndefinedColumn
    ):
        # These messages name only the missing object (type, table, column): no row data.
        missing = getattr(diag, "message_primary", None) if diag else None
        detail = f" ({missing})" if missing else ""
        return LoadError(
            f"An object the load needs is missing in the target while trying to {action}{where}{detail}."
        )
    if isinstance(exc, psycopg.errors.DependentObjectsStillExist):
        return LoadError(f"Other objects in the target depend on a table, so it could not {action}{where}.")
    code = getattr(exc, "sqlstate", None) or "unknown"
    return LoadError(f"The target database refused to {action}{where} (SQLSTATE {code}).")


# COPY's error context: 'COPY <table>, line <n>, column <name>[: "<value>"]'. Only the name is kept.
_COPY_COLUMN = re.compile(r"^COPY [^\n]*?, line \d+, column (.+?)(?::\s.*)?$", re.DOTALL)


def _copy_column(diag: object) -> str | None:
    """The column a failed COPY was reading, from the error context (never the quoted value)."""
    context = getattr(diag, "context", None) if diag else None
    match = _COPY_COLUMN.match(context.splitlines()[0]) if context else None
    return match.group(1) if match else None
