"""The form each column leaves the source in: numeric as the server's text."""

from __future__ import annotations

import pytest
from psycopg import sql

from tdm_agents.subsetting.portable import portable
from tdm_metadata_store.snapshot import ColumnInfo


def _numeric(precision: int | None, udt: str = "numeric") -> ColumnInfo:
    return ColumnInfo(
        name="price", data_type=udt, udt_name=udt, type_category="decimal", numeric_precision=precision
    )


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        (_numeric(None), '"price"::text'),  # unconstrained: its scale varies per value
        (_numeric(60), '"price"::text'),  # wider than decimal128's 38 digits
        (_numeric(15), '"price"::text'),  # read back into a decimal128(15, s)
        (_numeric(None, "money"), '"price"::numeric::text'),  # money's binary form is in cents
    ],
)
def test_numeric_travels_as_the_servers_text(column, expected):
    assert portable(column, sql.Identifier("price")).as_string(None) == expected
