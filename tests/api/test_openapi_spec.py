"""The committed OpenAPI spec is what the code generates (run `make openapi` after API changes)."""

import json
from pathlib import Path

from tdm_api.openapi_export import generate_spec

SPEC = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_committed_spec_matches_code():
    committed = json.loads(SPEC.read_text())
    assert committed == generate_spec(), "docs/openapi.json is stale: run `make openapi`"


def test_operation_ids_are_unique_and_tagged():
    spec = generate_spec()
    ops = [op for item in spec["paths"].values() for op in item.values()]
    ids = [op["operationId"] for op in ops]
    assert len(ids) == len(set(ids))
    assert all(op.get("tags") for op in ops)
