"""Fitting the learned engine: HMA over the whole schema, or one GaussianCopula per table plus
children-per-parent counts for the composed mode.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tdm_agents.synthetic.engines import relations
from tdm_agents.synthetic.engines.sdv_engine import LearnedModel, import_sdv
from tdm_agents.synthetic.engines.sdv_metadata import (
    column_metadata,
    modelled_attributes,
    single_table_metadata,
    to_pandas,
)
from tdm_agents.synthetic.schema_model import NormalizedSchema


def quietly(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Call an SDV function with its warnings silenced."""
    # SDV warns about metadata details it fixes itself; those warnings say nothing to our users.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def fit_hma(schema: NormalizedSchema, tables: dict[str, pa.Table]) -> LearnedModel:
    """One HMASynthesizer over every table (the schema must fit its limits)."""
    multi_table, _ = import_sdv()
    from sdv.metadata import Metadata

    model = LearnedModel(mode="hma", training_rows={n: t.num_rows for n, t in tables.items()})
    frames: dict[str, Any] = {}
    spec: dict[str, Any] = {"METADATA_SPEC_VERSION": "V1", "tables": {}, "relationships": []}
    for entity in schema.entities:
        modelled = [a.name for a in modelled_attributes(entity, schema, tables[entity.name])]
        keys = list(dict.fromkeys([*entity.primary_key, *sorted(schema.fk_attributes(entity.name))]))
        columns = keys + [c for c in modelled if c not in keys]
        model.modelled[entity.name] = modelled
        spec["tables"][entity.name] = single_table_metadata(entity, schema, columns)
        frames[entity.name] = to_pandas(tables[entity.name].select(columns))
    for rel in schema.relationships:
        spec["relationships"].append(
            {
                "parent_table_name": rel.parent_entity,
                "parent_primary_key": rel.parent_attributes[0],
                "child_table_name": rel.child_entity,
                "child_foreign_key": rel.child_attributes[0],
            }
        )
    synthesizer = multi_table.HMASynthesizer(quietly(Metadata.load_from_dict, spec), verbose=False)
    quietly(synthesizer.fit, frames)
    model.synthesizers["*"] = synthesizer
    return model


def fit_composed(schema: NormalizedSchema, tables: dict[str, pa.Table]) -> LearnedModel:
    """A GaussianCopula per table for its modelled columns, and observed children per parent."""
    _, single_table = import_sdv()
    from sdv.metadata import Metadata

    model = LearnedModel(mode="composed", training_rows={n: t.num_rows for n, t in tables.items()})
    for entity in schema.entities:
        training = tables[entity.name]
        modelled = modelled_attributes(entity, schema, training)
        model.modelled[entity.name] = [a.name for a in modelled]
        if modelled:
            spec = {"columns": {a.name: column_metadata(a) for a in modelled}}
            metadata = quietly(Metadata.load_from_dict, {"tables": {entity.name: spec}})
            synthesizer = single_table.GaussianCopulaSynthesizer(metadata)
            quietly(synthesizer.fit, {entity.name: to_pandas(training.select([a.name for a in modelled]))})
            model.synthesizers[entity.name] = synthesizer
        primary = relations.primary_parent(schema, entity.name)
        if primary is not None:
            key = (entity.name, tuple(primary.child_attributes))
            model.children_counts[key] = observed_children(
                training, primary.child_attributes, tables[primary.parent_entity], primary.parent_attributes
            )
    return model


def observed_children(
    child: pa.Table, child_cols: list[str], parent: pa.Table, parent_cols: list[str]
) -> np.ndarray:
    """Children per parent row in training data (parents without children count as 0)."""
    counted = child.select(child_cols).drop_null().group_by(child_cols).aggregate([([], "count_all")])
    keyed = parent.select(parent_cols).rename_columns(child_cols)
    joined = keyed.join(counted, keys=child_cols, join_type="left outer")
    return pc.fill_null(joined["count_all"], 0).to_numpy().astype(np.int64)
