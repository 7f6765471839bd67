"""Loading an OpenAPI/Swagger document and resolving its local `$ref`s without ever looping.

A `$ref` chain that comes back to itself is cut (the node resolves to an empty schema) rather
than followed; `allOf` members are merged, `oneOf`/`anyOf` resolve to their first member.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from tdm_agents.synthetic.errors import SpecError

Schema = dict[str, Any]


def load_document(spec: str | bytes | dict[str, Any], max_bytes: int) -> dict[str, Any]:
    """Parse JSON or YAML text (or take a dict), enforcing the size cap and the version marker."""
    if isinstance(spec, dict):
        size = len(json.dumps(spec, default=str))
        document: Any = spec
    else:
        size = len(spec if isinstance(spec, bytes) else spec.encode("utf-8"))
        if size > max_bytes:
            raise SpecError(f"the spec is {size} bytes; the limit is {max_bytes}")
        try:
            # YAML 1.2 is a superset of JSON, so one parser reads both.
            document = yaml.safe_load(spec)
        except yaml.YAMLError as exc:
            raise SpecError(f"the spec is neither valid JSON nor YAML: {_first_line(exc)}") from exc
    if size > max_bytes:
        raise SpecError(f"the spec is {size} bytes; the limit is {max_bytes}")
    if not isinstance(document, dict):
        raise SpecError("the spec must be a JSON/YAML object")
    version = str(document.get("openapi") or document.get("swagger") or "")
    if not (version.startswith("3.") or version.startswith("2.")):
        raise SpecError("the document is not OpenAPI 3.x or Swagger 2.0 (no 'openapi' or 'swagger' version)")
    return document


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


class RefResolver:
    """Follows local JSON-pointer `$ref`s of one document, cutting cycles and capping depth."""

    def __init__(self, document: dict[str, Any], max_depth: int) -> None:
        self.document = document
        self.max_depth = max_depth

    def lookup(self, ref: str) -> Any:
        """The node a local `#/a/b` reference points to."""
        if not ref.startswith("#/"):
            raise SpecError(f"only local $ref values are supported, not {ref[:80]!r}")
        node: Any = self.document
        for part in ref[2:].split("/"):
            key = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict) or key not in node:
                raise SpecError(f"$ref {ref[:80]!r} points to nothing")
            node = node[key]
        return node

    def resolve(self, node: Any, trail: tuple[str, ...] = ()) -> tuple[Schema, str | None]:
        """A schema with `$ref`, `allOf`, `oneOf` and `anyOf` resolved at its top level.

        Returns the schema and the name of the component it came from (when it was a `$ref`).
        """
        if len(trail) > self.max_depth:
            raise SpecError(f"schemas nest deeper than {self.max_depth} levels")
        if not isinstance(node, dict):
            return {}, None
        if "$ref" in node:
            ref = str(node["$ref"])
            if ref in trail:
                return {"x-cut-cycle": ref}, ref.rsplit("/", 1)[-1]
            target, _ = self.resolve(self.lookup(ref), (*trail, ref))
            return target, ref.rsplit("/", 1)[-1]
        if "allOf" in node:
            return self._merge_all_of(node, trail), None
        for key in ("oneOf", "anyOf"):
            members = node.get(key)
            if isinstance(members, list) and members:
                return self.resolve(members[0], (*trail, key))
        return node, None

    def _merge_all_of(self, node: Schema, trail: tuple[str, ...]) -> Schema:
        merged: Schema = {k: v for k, v in node.items() if k != "allOf"}
        properties: dict[str, Any] = dict(merged.get("properties") or {})
        required: list[str] = list(merged.get("required") or [])
        for index, member in enumerate(node.get("allOf") or []):
            part, _ = self.resolve(member, (*trail, f"allOf[{index}]"))
            properties.update(part.get("properties") or {})
            required += [r for r in part.get("required") or [] if r not in required]
            for key, value in part.items():
                merged.setdefault(key, value)
        merged["properties"], merged["required"] = properties, required
        merged.setdefault("type", "object")
        return merged
