"""Rule shapes built from the catalogue: one model per rule type, joined in unions tagged by `type`.

The option models of the transformers are the single source; these shapes carry them to the API
(the OpenAPI schema of rule bodies, so generated clients and the portal get the real fields), to
`mask.json_path` (its inner rule) and to the docs. Validation of submitted rules goes through the
same option models (`rules.check_rule_entries`), so schema and checks cannot drift apart.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, create_model

from tdm_agents.masking.transformers.base import Transformer
from tdm_agents.masking.transformers.json_path import JsonPathOptions
from tdm_agents.masking.transformers.registry import _registry

MAX_RULES = 5000
TARGET_PATTERN = r"^.+\.[^.]+$"


class RuleSpecBase(BaseModel):
    """A rule type and its options (the value of a `"table.column"` key in the short form)."""

    model_config = ConfigDict(extra="forbid")


class RuleEntryBase(RuleSpecBase):
    """A rule in the list form: the column it masks, its type and its options."""

    table: str = Field(
        min_length=1, max_length=200, description="Table key, e.g. 'customers' or 'sales.staff'"
    )
    column: str = Field(min_length=1, max_length=200, description="Column of that table")


def _model_name(rule: str) -> str:
    return "Mask" + "".join(part.capitalize() for part in rule.removeprefix("mask.").split("_"))


def _options_field(transformer: Transformer) -> tuple[Any, Any]:
    model = transformer.options_model
    required = any(f.is_required() for f in model.model_fields.values())
    default = Field(description="Options of this rule type") if required else Field(default_factory=model)
    return (model, default)


def _spec(transformer: Transformer, base: type[BaseModel], suffix: str) -> type[BaseModel]:
    # Shapes built at run time are values, not static types: `Any` tells the checker so.
    tag: Any = Literal[transformer.name]
    return create_model(
        _model_name(transformer.name) + suffix,
        __base__=base,
        __doc__=transformer.description,
        type=(tag, Field(description="The rule type")),
        options=_options_field(transformer),
    )


def _tagged(models: list[type[BaseModel]]) -> Any:
    return Annotated[Union[tuple(models)], Field(discriminator="type")]  # noqa: UP007


def _inner_ok(transformer: Transformer) -> bool:
    return transformer.name != "mask.json_path" and not transformer.needs_whole_column


@cache
def rule_specs() -> dict[str, type[BaseModel]]:
    """Per rule type, the `{type, options}` model."""
    transformers = _registry()
    specs = {name: _spec(t, RuleSpecBase, "Rule") for name, t in transformers.items() if _inner_ok(t)}
    # mask.json_path's inner rule is any other rule that works per value: its type is known only
    # once every transformer module is loaded, so the forward reference is resolved here.
    JsonPathOptions.model_rebuild(
        force=True, _types_namespace={"InnerRuleSpec": _tagged(list(specs.values()))}
    )
    specs |= {name: _spec(t, RuleSpecBase, "Rule") for name, t in transformers.items() if not _inner_ok(t)}
    return {name: specs[name] for name in transformers}


@cache
def rule_entry_specs() -> dict[str, type[BaseModel]]:
    """Per rule type, the `{table, column, type, options}` model of the list form."""
    rule_specs()
    return {name: _spec(t, RuleEntryBase, "RuleEntry") for name, t in _registry().items()}


def rule_type_names() -> list[str]:
    """Every rule type name, in catalogue order."""
    return list(_registry())


def _short_or_full(value: Any) -> str:
    return "name" if isinstance(value, str) else "rule"


def _body_form(value: Any) -> str | None:
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "wrapped" if set(value) == {"rules"} and isinstance(value["rules"], list) else "map"
    return None


@cache
def rules_body_type() -> Any:
    """The type of a rule set as users send it: short map, list, or `{"rules": [...]}`."""
    names = tuple(rule_type_names())
    rule_name: Any = Annotated[Literal[names], Field(description="A rule type with default options")]
    short: Any = Annotated[
        Annotated[rule_name, Tag("name")] | Annotated[_tagged(list(rule_specs().values())), Tag("rule")],  # noqa: UP007
        Discriminator(_short_or_full),
    ]
    entry: Any = _tagged(list(rule_entry_specs().values()))
    entries: Any = Annotated[
        list[entry],
        Field(max_length=MAX_RULES),
    ]
    target: Any = Annotated[str, Field(pattern=TARGET_PATTERN, max_length=400)]
    wrapped = create_model("RuleList", __base__=RuleSpecBase, rules=(entries, ...))
    return Annotated[
        Union[  # noqa: UP007
            Annotated[dict[target, short], Field(max_length=MAX_RULES), Tag("map")],
            Annotated[entries, Tag("list")],
            Annotated[wrapped, Tag("wrapped")],
        ],
        Discriminator(
            _body_form,
            custom_error_type="rules_form",
            custom_error_message="rules must be an object ('table.column' -> rule) or a list of rules",
        ),
    ]


rule_specs()
