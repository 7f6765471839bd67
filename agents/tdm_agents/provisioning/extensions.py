"""Extensions the dataset's column types come from (citext, hstore, postgis, ...), created in the
target when it lacks them, or refused before anything changes when the target server cannot.

The extension goes into the schema that holds it in the source (mapped like every other schema),
so type names recorded as `schema.type` resolve the same way in the target.
"""

from __future__ import annotations

import psycopg
from psycopg import sql

from tdm_agents.provisioning.errors import ProvisioningError
from tdm_agents.provisioning.layout import TargetLayout
from tdm_metadata_store.snapshot import ExtensionInfo

_TARGET_EXTENSIONS = """
SELECT a.name, e.extname IS NOT NULL
FROM pg_available_extensions a LEFT JOIN pg_extension e ON e.extname = a.name
WHERE a.name = ANY(%(names)s)
"""


def extension_statements(conn: psycopg.Connection, layout: TargetLayout) -> list[sql.Composable]:
    """CREATE SCHEMA/EXTENSION for each needed extension the target lacks; raises ProvisioningError
    naming a table and column when the target server does not offer one."""
    needed = [e for e in layout.snapshot.extensions if _users(layout, e)]
    if not needed:
        return []
    rows = conn.execute(_TARGET_EXTENSIONS, {"names": [e.name for e in needed]}).fetchall()
    offered = {r[0]: bool(r[1]) for r in rows}
    out: list[sql.Composable] = []
    for extension in needed:
        if extension.name not in offered:
            column = _users(layout, extension)[0]
            raise ProvisioningError(
                f"Column {column} needs the extension {extension.name}, which the target server does not "
                "offer; install it there (or choose another target) and provision again."
            )
        if not offered[extension.name]:
            schema = layout.schema_for(extension.schema_name)
            out.append(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
            out.append(
                sql.SQL("CREATE EXTENSION IF NOT EXISTS {} SCHEMA {}").format(
                    sql.Identifier(extension.name), sql.Identifier(schema)
                )
            )
    return out


def _users(layout: TargetLayout, extension: ExtensionInfo) -> list[str]:
    """`table.column` of every dataset column whose type (or element or domain base) is the extension's."""
    types = set(extension.types)
    found = []
    for table in layout.tables.values():
        for column in table.info.columns:
            names = {(column.udt_name or "").lstrip("_"), (column.element_type or "").rpartition(".")[2]}
            if names & types or any(t in column.data_type for t in types):
                found.append(f"{table.qualified}.{column.name}")
    return found
