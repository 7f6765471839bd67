"""The Arrow type each attribute type is generated as (matching `snapshot_convert.pg_type`)."""

from __future__ import annotations

import pyarrow as pa

from tdm_agents.synthetic.schema_model import Attribute, Entity
from tdm_agents.synthetic.snapshot_convert import decimal_scale


def arrow_type(attribute: Attribute) -> pa.DataType:
    """Arrow type of one attribute's column."""
    if attribute.type == "decimal":
        return pa.decimal128(18, decimal_scale(attribute))
    return {
        "string": pa.string(),
        "integer": pa.int64(),
        "float": pa.float64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
        "datetime": pa.timestamp("us"),
        "uuid": pa.string(),
        "json": pa.string(),
    }[attribute.type]


def arrow_schema(entity: Entity) -> pa.Schema:
    """Arrow schema of an entity's table, nullability included."""
    return pa.schema(
        [
            pa.field(a.name, arrow_type(a), nullable=a.nullable and a.name not in entity.primary_key)
            for a in entity.attributes
        ]
    )
