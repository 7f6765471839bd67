"""The endpoint reference of docs/api.md, generated from docs/openapi.json.

`python -m tdm_api.cli.client.api_reference [docs/openapi.json] [docs/api.md]` rewrites the part of
api.md between the two markers; a test fails when that part differs from what the spec generates.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

START_MARKER = (
    "<!-- endpoints:start (generated from docs/openapi.json by tdm_api.cli.client.api_reference) -->"
)
END_MARKER = "<!-- endpoints:end -->"
METHOD_ORDER = ("get", "post", "put", "patch", "delete")
# Placeholder values for path parameters in examples: any id the reader swaps for a real one.
EXAMPLE_ID = "6f1c1b9e-3c43-4a5e-9c1f-2b7e4bb0a111"
SCALAR_SAMPLES: dict[str, Any] = {"integer": 1, "number": 1.0, "boolean": True}
FORMAT_SAMPLES = {
    "uuid": EXAMPLE_ID,
    "date-time": "2026-01-01T00:00:00Z",
    "date": "2026-01-01",
    "uri": "https://example.com",
}
COMMON_PROBLEMS = {"401", "403", "404", "409", "413", "422"}
PATH_PARAMETER = re.compile(r"\{[^}]+\}")


def _resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if not ref:
        return schema
    return spec["components"]["schemas"][ref.rsplit("/", 1)[-1]]


def _sample(spec: dict[str, Any], schema: dict[str, Any], depth: int = 0) -> Any:
    """An example value for a schema: its own example, else one built from its required fields."""
    schema = _resolve(spec, schema)
    if schema.get("examples"):
        return schema["examples"][0]
    if "default" in schema and schema["default"] is not None:
        return schema["default"]
    for key in ("anyOf", "oneOf"):
        options = [s for s in schema.get(key, []) if s.get("type") != "null"]
        if options:
            return _sample(spec, options[0], depth)
    kind = schema.get("type")
    if schema.get("enum"):
        return schema["enum"][0]
    if kind == "object" or "properties" in schema:
        if depth > 3:
            return {}
        props = schema.get("properties", {})
        return {
            name: _sample(spec, props[name], depth + 1)
            for name in schema.get("required", [])
            if name in props
        }
    if kind == "array":
        return [_sample(spec, schema.get("items", {}), depth + 1)]
    if kind in SCALAR_SAMPLES:
        return SCALAR_SAMPLES[kind]
    return FORMAT_SAMPLES.get(schema.get("format", ""), "string")


def _request_example(spec: dict[str, Any], operation: dict[str, Any]) -> Any | None:
    content = (operation.get("requestBody") or {}).get("content", {})
    media = content.get("application/json")
    if media is None:
        return None
    return _sample(spec, media.get("schema", {}))


def _query_parameters(operation: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in operation.get("parameters", []) if p.get("in") == "query"]


def _curl(path: str, method: str, operation: dict[str, Any], body: Any | None) -> str:
    url = "$TDM_API_URL" + PATH_PARAMETER.sub(EXAMPLE_ID, path)
    required = [p for p in _query_parameters(operation) if p.get("required")]
    if required:
        url += "?" + "&".join(f"{p['name']}=1" for p in required)
    lines = [f'curl -sS -X {method.upper()} "{url}"']
    if "security" in operation or any(p.get("name") == "X-API-Key" for p in operation.get("parameters", [])):
        lines.append('  -H "X-API-Key: $TDM_API_KEY"')
    if body is not None:
        lines.append("  -H 'Content-Type: application/json'")
        lines.append(f"  -d '{json.dumps(body, separators=(',', ':'))}'")
    return " \\\n".join(lines)


def _responses(operation: dict[str, Any]) -> str:
    return ", ".join(
        f"`{code}` {info.get('description', '')}".strip()
        for code, info in sorted(operation.get("responses", {}).items())
    )


def render_endpoint(spec: dict[str, Any], path: str, method: str, operation: dict[str, Any]) -> str:
    """The Markdown section of one operation: summary, parameters, responses and a curl example."""
    body = _request_example(spec, operation)
    parts = [
        f"### `{method.upper()} {path}` — {operation.get('summary', operation['operationId'])}",
        "",
        f"Operation id `{operation['operationId']}`.",
    ]
    if operation.get("description"):
        parts.append(" ".join(operation["description"].split()))
    query = _query_parameters(operation)
    if query:
        parts += [
            "",
            "Query parameters: "
            + ", ".join(f"`{p['name']}`{' (required)' if p.get('required') else ''}" for p in query)
            + ".",
        ]
    parts += [
        "",
        "Responses: " + _responses(operation) + ".",
        "",
        "```bash",
        _curl(path, method, operation, body),
        "```",
        "",
    ]
    return "\n".join(parts)


def render_reference(spec: dict[str, Any]) -> str:
    """Every operation of the spec grouped by tag, in path order."""
    by_tag: dict[str, list[str]] = {}
    for path in sorted(spec["paths"]):
        item = spec["paths"][path]
        for method in METHOD_ORDER:
            if method in item:
                tag = (item[method].get("tags") or ["other"])[0]
                by_tag.setdefault(tag, []).append(render_endpoint(spec, path, method, item[method]))
    sections = []
    for tag in sorted(by_tag):
        sections.append(f"## {tag}\n\n" + "\n".join(by_tag[tag]))
    return "\n".join(sections)


def replace_reference(document: str, reference: str) -> str:
    """`document` with the text between the markers replaced by `reference`."""
    head, start, rest = document.partition(START_MARKER)
    _, end, tail = rest.partition(END_MARKER)
    if not start or not end:
        raise ValueError("docs/api.md lacks the endpoint markers")
    return f"{head}{START_MARKER}\n\n{reference.rstrip()}\n\n{END_MARKER}{tail}"


def main(argv: list[str]) -> None:
    """Rewrite the endpoint reference of api.md from the spec."""
    spec_path = Path(argv[1]) if len(argv) > 1 else Path("docs/openapi.json")
    doc_path = Path(argv[2]) if len(argv) > 2 else Path("docs/api.md")
    spec = json.loads(spec_path.read_text())
    doc_path.write_text(replace_reference(doc_path.read_text(), render_reference(spec)))
    print(f"wrote {doc_path}")


if __name__ == "__main__":
    main(sys.argv)
