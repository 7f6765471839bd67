"""The LangGraph checkpointer: PostgreSQL (the metadata database), thread_id = job_id."""

from __future__ import annotations

from collections.abc import Callable

from langgraph.checkpoint.postgres import PostgresSaver
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool


def open_checkpointer(libpq_url: str, pool_size: int = 4) -> tuple[PostgresSaver, Callable[[], None]]:
    """A pooled PostgresSaver (its tables created if missing) and the function that closes it."""
    pool = ConnectionPool(
        libpq_url,
        min_size=1,
        max_size=pool_size,
        open=True,
        # A connection broken by a database restart is replaced on checkout instead of failing a job.
        check=ConnectionPool.check_connection,
        kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row},
    )
    saver = PostgresSaver(pool)  # type: ignore[arg-type]
    saver.setup()
    return saver, pool.close
