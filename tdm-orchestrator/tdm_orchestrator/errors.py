"""Sorting failures: transient ones are retried with backoff; permanent ones fail the job readably."""

from __future__ import annotations

import socket

import psycopg
import redis
import sqlalchemy.exc

from tdm_agents.subsetting.errors import SourceConnectionLost


class PermanentJobError(Exception):
    """A failure with a message fit for the user: the job fails with exactly this text."""


def is_transient(exc: BaseException) -> bool:
    """Connection resets, lock and statement timeouts, serialization failures: worth another try."""
    if isinstance(exc, PermanentJobError):
        return False
    if isinstance(exc, SourceConnectionLost):  # the extraction restarts from a fresh snapshot
        return True
    if isinstance(exc, sqlalchemy.exc.DBAPIError):
        if exc.connection_invalidated:
            return True
        exc = exc.orig or exc
    if isinstance(
        exc,
        psycopg.errors.SerializationFailure
        | psycopg.errors.DeadlockDetected
        | psycopg.errors.LockNotAvailable
        | psycopg.errors.QueryCanceled
        | psycopg.errors.AdminShutdown
        | psycopg.errors.CannotConnectNow,
    ):
        return True
    if isinstance(exc, psycopg.OperationalError):
        text = str(exc).lower()
        return any(
            s in text
            for s in (
                "connection reset",
                "server closed",
                "terminating connection",
                "timeout",
                "could not receive",
                "connection refused",
            )
        )
    return isinstance(
        exc,
        redis.ConnectionError
        | redis.TimeoutError
        | ConnectionResetError
        | socket.timeout
        | TimeoutError
        | BrokenPipeError,
    )


def user_message(exc: BaseException) -> str:
    """The readable sentence stored in the job's result and logs.

    Errors of the agents and the stores are written for users and carry no secrets; anything else
    is summarized by its type, because its text may quote row values or connection strings.
    """
    if isinstance(exc, PermanentJobError):
        return str(exc)
    module = type(exc).__module__ or ""
    if module.startswith(("tdm_agents", "tdm_dataset_store", "tdm_metadata_store", "tdm_cache")) and str(exc):
        return str(exc)
    if is_transient(exc):
        return f"A transient error persisted after retries ({type(exc).__name__}); try again later."
    return f"Internal error ({type(exc).__name__}); see the worker log."


def transient_retry_policy():
    """The retry policy every agent node uses: bounded, with exponential backoff."""
    from langgraph.types import RetryPolicy

    return RetryPolicy(
        max_attempts=4, initial_interval=1.0, backoff_factor=2.0, max_interval=20.0, retry_on=is_transient
    )
