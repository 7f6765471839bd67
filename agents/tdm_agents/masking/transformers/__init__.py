"""Masking rule types, one module per family; `registry` looks them up by name."""

from tdm_agents.masking.transformers.registry import (
    TransformerInfo,
    UnknownTransformerError,
    get_transformer,
    list_transformers,
)

__all__ = ["TransformerInfo", "UnknownTransformerError", "get_transformer", "list_transformers"]
