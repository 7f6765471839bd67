"""mask.json_path: apply another rule to the values found at JSON paths inside JSON/JSONB text.

Paths use a small JSONPath subset: `$.a.b`, `$.items[0].email`, `$.contacts[*].phone`. Leaves
found across all documents of a chunk are masked together as one Arrow array, so the inner
rule stays vectorized and deterministic (the same email inside JSON and in a plain column masks
to the same value).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Protocol

import pyarrow as pa
from pydantic import BaseModel, Field, field_validator, model_validator

from tdm_agents.masking.context import MaskContext
from tdm_agents.masking.transformers.base import (
    ColumnScope,
    Guarantees,
    RuleOptions,
    Transformer,
    as_text,
    one_way,
)

if TYPE_CHECKING:

    class InnerRuleSpec(Protocol):
        """What `specs` resolves the inner rule to at run time: one rule type's `{type, options}` model."""

        type: str
        options: RuleOptions


_TOKEN = re.compile(r"\.([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+|\*)\]|\['([^']+)'\]")
PathStep = str | int | None  # key, list index, or None for [*]


def parse_path(path: str) -> list[PathStep]:
    """Split `$.a[0].b[*]` into steps; raises ValueError for anything outside the subset."""
    if not path.startswith("$"):
        raise ValueError(f"JSON path must start with '$': {path!r}")
    steps: list[PathStep] = []
    position = 1
    while position < len(path):
        match = _TOKEN.match(path, position)
        if match is None:
            raise ValueError(f"unsupported JSON path syntax at character {position}: {path!r}")
        key, index, quoted = match.groups()
        steps.append(
            key if key is not None else quoted if quoted is not None else None if index == "*" else int(index)
        )
        position = match.end()
    if not steps:
        raise ValueError("JSON path must name at least one step")
    return steps


MAX_PATHS = 100
JsonPath = Annotated[str, Field(min_length=1, max_length=500)]


class JsonPathOptions(RuleOptions):
    paths: list[JsonPath] = Field(
        min_length=1, max_length=MAX_PATHS, description="JSON paths whose values the inner rule masks"
    )
    # Any rule that works value by value; resolved by `specs` once every rule type is loaded.
    rule: InnerRuleSpec = Field(description="The rule applied at those paths: {type, options}")

    @field_validator("paths")
    @classmethod
    def _paths_parse(cls, value: list[str]) -> list[str]:
        for path in value:
            parse_path(path)
        return value

    @model_validator(mode="after")
    def _inner_rule_valid(self) -> JsonPathOptions:
        from tdm_agents.masking.transformers.registry import get_transformer

        inner = get_transformer(self.rule.type)
        if inner.entity_columns(self.rule.options):
            raise ValueError("rules that read other columns cannot be used inside mask.json_path")
        return self


def _find(node: Any, steps: list[PathStep], found: list[tuple[Any, str | int]]) -> None:
    step, rest = steps[0], steps[1:]
    children: list[str | int]
    if isinstance(step, str):
        children = [step] if isinstance(node, dict) and step in node else []
    elif isinstance(step, int):
        children = [step] if isinstance(node, list) and -len(node) <= step < len(node) else []
    else:
        children = (
            list(range(len(node))) if isinstance(node, list) else list(node) if isinstance(node, dict) else []
        )
    for child in children:
        if rest:
            _find(node[child], rest, found)
        else:
            found.append((node, child))


class JsonPathTransformer(Transformer):
    name: ClassVar[str] = "mask.json_path"
    description: ClassVar[str] = (
        "Apply another rule to the values at given paths inside JSON/JSONB documents."
    )
    categories: ClassVar[frozenset[str]] = frozenset({"json", "string", "other"})
    options_model: ClassVar[type[BaseModel]] = JsonPathOptions
    guarantees: ClassVar[Guarantees] = one_way(format_preserving=True, leak_check="none")

    def transform(
        self, values: pa.Array, options: BaseModel, scope: ColumnScope, ctx: MaskContext
    ) -> pa.Array:
        from tdm_agents.masking.transformers.registry import get_transformer

        assert isinstance(options, JsonPathOptions)
        inner = get_transformer(options.rule.type)
        inner_options = inner.parse_options(options.rule.options)
        docs, invalid = _parse_documents(as_text(values).to_pylist())
        if invalid:
            raise ValueError(f"{invalid} value(s) of {scope.table}.{scope.column} are not valid JSON")
        slots: list[tuple[Any, str | int]] = []
        for path in options.paths:
            steps = parse_path(path)
            for doc in docs:
                if doc is not _MISSING:
                    _find(doc, steps, slots)
        _mask_slots(slots, inner, inner_options, scope, ctx)
        return pa.array(
            [None if d is _MISSING else json.dumps(d, ensure_ascii=False) for d in docs], pa.string()
        )


_MISSING = object()


def _parse_documents(texts: list[str | None]) -> tuple[list[Any], int]:
    docs: list[Any] = []
    invalid = 0
    for text in texts:
        if text is None:
            docs.append(_MISSING)
            continue
        try:
            docs.append(json.loads(text))
        except json.JSONDecodeError:
            invalid += 1
            docs.append(_MISSING)
    return docs, invalid


def _mask_slots(
    slots, inner: Transformer, inner_options: BaseModel, scope: ColumnScope, ctx: MaskContext
) -> None:  # noqa: ANN001
    """Mask leaf values grouped by JSON type; containers and booleans are left alone."""
    groups: dict[str, list[tuple[Any, str | int]]] = {"string": [], "integer": [], "float": []}
    for container, key in slots:
        value = container[key]
        if isinstance(value, str):
            groups["string"].append((container, key))
        elif isinstance(value, int) and not isinstance(value, bool):
            groups["integer"].append((container, key))
        elif isinstance(value, float):
            groups["float"].append((container, key))
    for kind, members in groups.items():
        if not members:
            continue
        raw = pa.array([c[k] for c, k in members])
        if kind != "string" and not inner.accepts_arrow(raw.type):
            raw = raw.cast(pa.string())
        masked = inner.transform(raw, inner_options, scope, ctx).to_pylist()
        for (container, key), value in zip(members, masked, strict=True):
            container[key] = value
