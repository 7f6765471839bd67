"""The committed OpenAPI spec is what the code generates (run `make openapi` after API changes)."""

import json
import subprocess
import sys
from pathlib import Path

from tdm_api.openapi_export import generate_spec

SPEC = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_committed_spec_matches_code(tmp_path):
    # Generated in a fresh interpreter, as `make openapi` does: typing caches `Optional[Literal[...]]`
    # by value, ignoring the values' order, so in a process that imported the generated CLI client
    # first (its enums are sorted) the API's enums would come out in that order.
    generated = tmp_path / "openapi.json"
    subprocess.run([sys.executable, "-m", "tdm_api.openapi_export", str(generated)], check=True)
    committed = json.loads(SPEC.read_text())
    assert committed == json.loads(generated.read_text()), "docs/openapi.json is stale: run `make openapi`"


def test_operation_ids_are_unique_and_tagged():
    spec = generate_spec()
    ops = [op for item in spec["paths"].values() for op in item.values()]
    ids = [op["operationId"] for op in ops]
    assert len(ids) == len(set(ids))
    assert all(op.get("tags") for op in ops)
