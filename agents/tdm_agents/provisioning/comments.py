"""COMMENT ON statements that carry the source's table and column comments into created tables."""

from __future__ import annotations

from psycopg import sql

from tdm_agents.provisioning.layout import TargetTable


def comment_statements(table: TargetTable) -> list[sql.Composable]:
    """The table's comment and its columns' comments, as discovery recorded them."""
    out: list[sql.Composable] = []
    if table.info.comment is not None:
        out.append(sql.SQL("COMMENT ON TABLE {} IS {}").format(table.ident, sql.Literal(table.info.comment)))
    for column in table.info.columns:
        if column.comment is not None and column.is_local:
            out.append(
                sql.SQL("COMMENT ON COLUMN {}.{} IS {}").format(
                    table.ident, sql.Identifier(column.name), sql.Literal(column.comment)
                )
            )
    return out
