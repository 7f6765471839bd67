"""CREATE TYPE ... AS (...) for the source's composite types that the target lacks.

Attribute types are the catalog's own text from discovery; the search path set for the load
resolves enums and domains they name.
"""

from __future__ import annotations

from psycopg import sql

from tdm_agents.provisioning.catalog import TargetCatalog
from tdm_agents.provisioning.layout import TargetLayout


def composite_statements(layout: TargetLayout, catalog: TargetCatalog) -> list[sql.Composable]:
    """One CREATE TYPE per composite type of the source missing in the target, in creation order."""
    out: list[sql.Composable] = []
    for composite in layout.snapshot.composites:
        schema = layout.schema_for(composite.schema_name)
        if f"{schema}.{composite.name}" in catalog.types:
            continue
        attributes = sql.SQL(", ").join(
            sql.SQL("{} {}").format(sql.Identifier(name), sql.SQL(type_text))
            for name, type_text in zip(composite.attributes, composite.attribute_types, strict=True)
        )
        out.append(
            sql.SQL("CREATE TYPE {} AS ({})").format(sql.Identifier(schema, composite.name), attributes)
        )
        catalog.types.add(f"{schema}.{composite.name}")
    return out
