"""Where each dataset table lands in the target: schema mapping and the relationships between them.

Schema rule: with no target schema (or `public`), tables keep their source schema (`orders` in
`public`, `sales.store` in `sales`). With any other target schema (an ephemeral `ci_<run_id>`), all
tables go into that one schema by bare name; two source tables with the same bare name are then a
clear error rather than a silent overwrite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from psycopg import sql

from tdm_agents.provisioning.errors import ProvisioningError
from tdm_metadata_store.snapshot import RelationshipInfo, SchemaSnapshot, TableInfo

SCHEMA_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


@dataclass(frozen=True)
class TargetTable:
    """One dataset table and its place in the target."""

    key: str
    schema: str
    name: str
    info: TableInfo

    @property
    def ident(self) -> sql.Identifier:
        """The quoted, schema-qualified name."""
        return sql.Identifier(self.schema, self.name)

    @property
    def rows_ident(self) -> sql.Composable:
        """The name to read this table's own rows by: ONLY for a table others INHERIT from."""
        return sql.SQL("ONLY {}").format(self.ident) if self.info.inherited_by else self.ident

    @property
    def qualified(self) -> str:
        """`schema.name` for messages and catalog look-ups."""
        return f"{self.schema}.{self.name}"


class TargetLayout:
    """The dataset's tables mapped into the target, plus the foreign keys among them."""

    def __init__(self, snapshot: SchemaSnapshot, table_keys: list[str], target_schema: str | None) -> None:
        if target_schema is not None and not SCHEMA_NAME.fullmatch(target_schema):
            raise ProvisioningError("The target schema name must be letters, digits and '_' (at most 63).")
        self.snapshot = snapshot
        self.target_schema = None if target_schema in (None, "public") else target_schema
        self.tables: dict[str, TargetTable] = {}
        for key in table_keys:
            info = snapshot.table(key)
            if info is None:
                raise ProvisioningError(f"Dataset table {key} is not described by the dataset's schema.")
            self.tables[key] = TargetTable(key, self.schema_for(info.schema_name), info.name, info)
        self._refuse_collisions()
        self.relationships = [
            r for r in snapshot.relationships if r.child_key in self.tables and r.parent_key in self.tables
        ]

    def schema_for(self, source_schema: str) -> str:
        """The target schema that receives objects of `source_schema`."""
        return self.target_schema or source_schema

    @property
    def schemas(self) -> list[str]:
        """Every target schema the dataset's tables land in, sorted."""
        return sorted({t.schema for t in self.tables.values()})

    def real_relationships(self) -> list[RelationshipInfo]:
        """Foreign keys that exist as constraints (user-defined ones are only checked, never created)."""
        return [r for r in self.relationships if not r.is_virtual]

    def _refuse_collisions(self) -> None:
        seen: dict[tuple[str, str], str] = {}
        for table in self.tables.values():
            place = (table.schema, table.name)
            if place in seen:
                raise ProvisioningError(
                    f"Tables {seen[place]} and {table.key} would both become {table.qualified}; "
                    "choose the default schema layout instead of a single target schema."
                )
            seen[place] = table.key
