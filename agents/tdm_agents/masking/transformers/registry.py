"""The catalogue of rule types: look one up by name, or list them all with what they accept."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from tdm_agents.masking.transformers.base import Guarantees, Transformer, accepts_string_arrow
from tdm_agents.masking.transformers.basic import ConstantTransformer, NullTransformer, RedactTransformer
from tdm_agents.masking.transformers.dates import DateShiftTransformer
from tdm_agents.masking.transformers.email import EmailTransformer
from tdm_agents.masking.transformers.fake import (
    FakeAddressTransformer,
    FakeCompanyTransformer,
    FakeFirstNameTransformer,
    FakeLastNameTransformer,
    FakeNameTransformer,
    FakePhoneTransformer,
)
from tdm_agents.masking.transformers.fpe import FpeAlnumTransformer, FpeDigitsTransformer, FpePanTransformer
from tdm_agents.masking.transformers.generalize import GeneralizeTransformer
from tdm_agents.masking.transformers.hashing import HashTransformer
from tdm_agents.masking.transformers.json_path import JsonPathTransformer
from tdm_agents.masking.transformers.network import FakeIpTransformer
from tdm_agents.masking.transformers.numeric import NoiseTransformer
from tdm_agents.masking.transformers.shuffle import ShuffleTransformer
from tdm_agents.masking.transformers.text import PartialTransformer, RegexReplaceTransformer
from tdm_agents.masking.transformers.tokenize import TokenizeTransformer

_ARROW_TYPES = {
    "string": ["string", "large_string"],
    "integer": ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"],
    "float": ["float32", "float64"],
    "decimal": ["decimal128", "decimal256"],
    "date": ["date32", "date64"],
    "timestamp": ["timestamp"],
    "boolean": ["bool"],
    "binary": ["binary", "large_binary"],
    "time": ["time32", "time64"],
    "interval": ["duration"],
    "array": ["list", "large_list"],
}


class UnknownTransformerError(KeyError):
    """No rule type of that name."""


@dataclass(frozen=True)
class TransformerInfo:
    """One rule type as the catalogue (and the API's rule builder) shows it."""

    name: str
    description: str
    categories: list[str]
    arrow_types: list[str]
    options_model: type[BaseModel]
    guarantees: Guarantees

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, with the options' JSON schema (defaults and constraints included)."""
        return {
            "name": self.name,
            "description": self.description,
            "categories": self.categories,
            "arrow_types": self.arrow_types,
            "options_schema": self.options_model.model_json_schema(),
            "guarantees": self.guarantees.model_dump(),
        }


@cache
def _registry() -> dict[str, Transformer]:
    classes: list[type[Transformer]] = [
        EmailTransformer, FpePanTransformer, TokenizeTransformer, NullTransformer, RedactTransformer,
        HashTransformer, FpeDigitsTransformer, FpeAlnumTransformer, FakeNameTransformer,
        FakeFirstNameTransformer, FakeLastNameTransformer, FakeAddressTransformer, FakePhoneTransformer,
        FakeCompanyTransformer, DateShiftTransformer, NoiseTransformer, PartialTransformer,
        GeneralizeTransformer, RegexReplaceTransformer, JsonPathTransformer, ShuffleTransformer,
        ConstantTransformer, FakeIpTransformer,
    ]  # fmt: skip
    return {cls.name: cls() for cls in classes}


def get_transformer(type_name: str) -> Transformer:
    """The transformer for a rule type such as `mask.hash`; raises UnknownTransformerError."""
    try:
        return _registry()[type_name]
    except KeyError:
        raise UnknownTransformerError(f"unknown masking rule type {type_name!r}") from None


def list_transformers() -> list[TransformerInfo]:
    """Every rule type with its description, accepted types, options model and guarantees."""
    infos = []
    for transformer in _registry().values():
        categories = sorted(transformer.categories)
        arrow = sorted(
            {a for c in accepts_string_arrow(transformer.categories) for a in _ARROW_TYPES.get(c, [])}
        )
        infos.append(
            TransformerInfo(
                name=transformer.name,
                description=transformer.description,
                categories=categories,
                arrow_types=arrow,
                options_model=transformer.options_model,
                guarantees=transformer.guarantees,
            )
        )
    return infos
