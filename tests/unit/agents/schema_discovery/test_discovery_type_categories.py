"""PostgreSQL types to coarse categories."""

import pytest

from tdm_agents.schema_discovery.type_categories import type_category


@pytest.mark.parametrize(
    ("name", "pg_category", "kind", "expected"),
    [
        ("int8", "N", "b", "integer"),
        ("numeric", "N", "b", "decimal"),
        ("float8", "N", "b", "float"),
        ("varchar", "S", "b", "string"),
        ("citext", "S", "b", "string"),
        ("bool", "B", "b", "boolean"),
        ("date", "D", "b", "date"),
        ("timestamptz", "D", "b", "timestamp"),
        ("timetz", "D", "b", "time"),
        ("interval", "T", "b", "interval"),
        ("uuid", "U", "b", "uuid"),
        ("jsonb", "U", "b", "json"),
        ("_text", "A", "b", "array"),
        ("order_status", "E", "e", "enum"),
        ("bytea", "U", "b", "binary"),
        ("inet", "I", "b", "network"),
        ("point", "G", "b", "geometric"),
        ("tsvector", "U", "b", "other"),
    ],
)
def test_type_category(name, pg_category, kind, expected):
    assert type_category(name, pg_category, kind) == expected
