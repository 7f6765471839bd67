"""The synchronous dry run of a subset: the engine's planner on a short-lived, read-only connection.

The planner only asks PostgreSQL for estimates (EXPLAIN) and reads no rows, so it fits in a request;
the statement timeout bounds it all the same, and every failure becomes a sentence that names the
server but never the password.
"""

from __future__ import annotations

import psycopg
from sqlalchemy.engine import make_url

from tdm_agents.subsetting import plan_subset
from tdm_agents.subsetting.source_session import libpq_url
from tdm_api.errors import Unavailable
from tdm_api.models.subset import SubsetPlanResponse
from tdm_api.services.subset_source import SubsetSource

PLAN_TIMEOUT_S = 30
CONNECT_TIMEOUT_S = 10


def plan_on_source(url: str, source: SubsetSource, timeout_s: int = PLAN_TIMEOUT_S) -> SubsetPlanResponse:
    """Plan `source.resolved` on the database at `url`; Unavailable (503) when it cannot answer in time."""
    where = _where(url)
    options = f"-c statement_timeout={timeout_s * 1000} -c default_transaction_read_only=on"
    try:
        with psycopg.connect(libpq_url(url), connect_timeout=CONNECT_TIMEOUT_S, options=options) as conn:
            plan = plan_subset(conn, source.snapshot, source.resolved)
    except psycopg.errors.QueryCanceled:
        raise Unavailable(
            f"The source database at {where} did not answer the plan within {timeout_s} s."
        ) from None
    except psycopg.OperationalError:
        raise Unavailable(f"Could not connect to the source database at {where}.") from None
    except psycopg.Error as exc:
        # The server's message may quote values; its SQLSTATE is enough to act on.
        raise Unavailable(
            f"The source database at {where} refused the plan (SQLSTATE {exc.sqlstate})."
        ) from None
    return SubsetPlanResponse(**plan.model_dump(), schema_version_id=source.version.id)


def _where(url: str) -> str:
    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001 - a URL we cannot parse is described without its text
        return "the given address"
    return f"{parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database or ''}"
