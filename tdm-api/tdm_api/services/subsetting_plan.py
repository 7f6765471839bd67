"""The synchronous dry run of a subset: the engine's planner on a short-lived, read-only connection.

The planner only asks PostgreSQL for estimates (EXPLAIN) and reads no rows, so it fits in a request;
the statement timeout bounds it all the same, and every failure becomes a sentence that names the
server but never the password.
"""

from __future__ import annotations

import psycopg

from tdm_agents.common.source_db import connect_readonly, describe
from tdm_agents.subsetting import plan_subset
from tdm_api.errors import Unavailable
from tdm_api.models.subsetting import SubsetPlanResponse
from tdm_api.services.subsetting_source import SubsetSource

PLAN_TIMEOUT_S = 30
CONNECT_TIMEOUT_S = 10


def plan_on_source(url: str, source: SubsetSource, timeout_s: int = PLAN_TIMEOUT_S) -> SubsetPlanResponse:
    """Plan `source.resolved` on the database at `url`; Unavailable (503) when it cannot answer in time."""
    where = describe(url).where  # the caller checked the string
    try:
        with connect_readonly(
            url,
            connect_timeout_s=CONNECT_TIMEOUT_S,
            statement_timeout_ms=timeout_s * 1000,
            application_name="tdm-subset-plan",
        ) as conn:
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
