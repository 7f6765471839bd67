"""Masking rule types, one module per family; `registry` looks them up by name, `specs` gives their shapes."""

from tdm_agents.masking.transformers.registry import (
    TransformerInfo,
    UnknownTransformerError,
    get_transformer,
    list_transformers,
)
from tdm_agents.masking.transformers.specs import (
    rule_entry_specs,
    rule_specs,
    rule_type_names,
    rules_body_type,
)

__all__ = [
    "TransformerInfo",
    "UnknownTransformerError",
    "get_transformer",
    "list_transformers",
    "rule_entry_specs",
    "rule_specs",
    "rule_type_names",
    "rules_body_type",
]
