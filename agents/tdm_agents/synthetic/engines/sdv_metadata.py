"""Arrow <-> pandas for SDV, and SDV metadata built from the normalized schema.

Free-text columns (names, emails, addresses: anything with many distinct values) are left out of
the learned model: SDV's memory grows with their cardinality, and modelling them would copy
training values into the output. The rules engine's semantic generators fill them instead.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tdm_agents.synthetic.engines.arrow_types import arrow_schema
from tdm_agents.synthetic.schema_model import Attribute, Entity, NormalizedSchema

MAX_CATEGORIES = 50
_SDTYPES = {
    "integer": "numerical",
    "decimal": "numerical",
    "float": "numerical",
    "boolean": "boolean",
    "date": "datetime",
    "datetime": "datetime",
}


def to_pandas(table: pa.Table) -> pd.DataFrame:
    """A DataFrame SDV can read: decimals as floats, dates as datetime64."""
    columns = {}
    for name, column in zip(table.column_names, table.columns, strict=True):
        if pa.types.is_decimal(column.type):
            column = pc.cast(column, pa.float64())
        elif pa.types.is_date(column.type) or pa.types.is_timestamp(column.type):
            # SDV's transformers read datetime64[ns]; other units come back shifted.
            column = pc.cast(column, pa.timestamp("ns"))
        columns[name] = column
    return pa.table(columns).to_pandas()


def from_pandas(frame: pd.DataFrame, entity: Entity, columns: list[str]) -> dict[str, pa.Array]:
    """Sampled DataFrame columns as Arrow arrays of the entity's types."""
    schema = arrow_schema(entity)
    out = {}
    for name in columns:
        target = schema.field(name).type
        series = frame[name]
        if pa.types.is_decimal(target):
            values = pa.array(
                np.round(series.astype(float).to_numpy(), target.scale), mask=series.isna().to_numpy()
            )
        elif pa.types.is_integer(target):
            values = pa.array(
                np.rint(series.astype(float).fillna(0).to_numpy()).astype(np.int64),
                mask=series.isna().to_numpy(),
            )
        elif pa.types.is_date(target) or pa.types.is_timestamp(target):
            values = pa.array(pd.to_datetime(series).to_numpy(dtype="datetime64[us]"), pa.timestamp("us"))
        else:
            values = pa.array(series, from_pandas=True)
        out[name] = values.cast(target)
    return out


def modelled_attributes(entity: Entity, schema: NormalizedSchema, training: pa.Table) -> list[Attribute]:
    """Attributes the learned model covers: numbers, booleans, dates, and low-cardinality text."""
    # Unique columns stay with the rules engine: a learned model repeats values.
    skip = (
        set(entity.primary_key)
        | schema.fk_attributes(entity.name)
        | {a.name for a in entity.attributes if a.unique}
    )
    chosen = []
    for attribute in entity.attributes:
        if attribute.name in skip or attribute.name not in training.column_names:
            continue
        if attribute.type in _SDTYPES or _is_categorical(attribute, training.column(attribute.name)):
            chosen.append(attribute)
    return chosen


def _is_categorical(attribute: Attribute, column: pa.ChunkedArray) -> bool:
    if attribute.type != "string":
        return False
    if attribute.enum_values:
        return True
    return pc.count_distinct(column).as_py() <= MAX_CATEGORIES


def column_metadata(attribute: Attribute) -> dict[str, Any]:
    """SDV column metadata for a modelled attribute."""
    sdtype = _SDTYPES.get(attribute.type, "categorical")
    return {"sdtype": sdtype}


def single_table_metadata(entity: Entity, schema: NormalizedSchema, columns: list[str]) -> dict[str, Any]:
    """SDV/SDMetrics single-table metadata (as a dict) over `columns`; keys are `id` columns."""
    keys = set(entity.primary_key) | schema.fk_attributes(entity.name)
    meta: dict[str, Any] = {"columns": {}}
    for name in columns:
        attribute = entity.attribute(name)
        if attribute is None:
            continue
        meta["columns"][name] = {"sdtype": "id"} if name in keys else column_metadata(attribute)
    if len(entity.primary_key) == 1 and entity.primary_key[0] in meta["columns"]:
        meta["primary_key"] = entity.primary_key[0]
    return meta
