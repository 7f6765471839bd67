"""Generated and mirrored parts of the docs stay in sync: the endpoint reference and the role table."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tdm_api.cli.client.api_reference import END_MARKER, START_MARKER, render_reference, replace_reference
from tests.api.test_rbac_matrix import MIN_ROLE

DOCS = Path(__file__).resolve().parents[3] / "docs"
ROLE_ROW = re.compile(r"^\|\s*`(GET|POST|PUT|PATCH|DELETE) (\S+)`\s*\|\s*`(\w+)`\s*\|\s*(\w+)\s*\|$")


def _spec() -> dict:
    return json.loads((DOCS / "openapi.json").read_text())


def test_api_md_endpoint_reference_is_generated_from_the_spec():
    document = (DOCS / "api.md").read_text()
    expected = replace_reference(document, render_reference(_spec()))
    assert document == expected, "docs/api.md is stale: run `python -m tdm_api.cli.client.api_reference`"


def test_api_md_documents_every_operation_once_with_an_example():
    reference = (DOCS / "api.md").read_text().split(START_MARKER)[1].split(END_MARKER)[0]
    operation_ids = [op["operationId"] for item in _spec()["paths"].values() for op in item.values()]
    for operation_id in operation_ids:
        assert reference.count(f"Operation id `{operation_id}`.") == 1, operation_id
    assert reference.count("```bash\ncurl") == len(operation_ids)


def _role_table() -> dict[str, tuple[str, str, str]]:
    section = (
        (DOCS / "security.md").read_text().split("<!-- roles:start -->")[1].split("<!-- roles:end -->")[0]
    )
    rows = {}
    for line in section.strip().splitlines()[2:]:
        match = ROLE_ROW.match(line.strip())
        assert match, f"not a role row: {line!r}"
        method, path, operation_id, role = match.groups()
        assert operation_id not in rows, f"{operation_id} twice"
        rows[operation_id] = (method, path, role)
    return rows


def test_security_md_role_table_equals_the_enforced_matrix():
    table = _role_table()
    assert {op: role for op, (_, _, role) in table.items()} == MIN_ROLE


def test_security_md_role_table_names_each_operation_by_its_method_and_path():
    paths = {
        op["operationId"]: (method.upper(), path.removeprefix("/api/v1"))
        for path, item in _spec()["paths"].items()
        for method, op in item.items()
    }
    assert {op: (method, path) for op, (method, path, _) in _role_table().items()} == paths
