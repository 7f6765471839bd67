"""Property-based fuzzing of the live API from its own OpenAPI spec (schemathesis).

A real uvicorn server with the platform's settings and an admin key; no worker is needed (jobs stay
queued). Every operation gets a bounded number of generated requests, valid and invalid; the run
must produce no server error (5xx) and no response that the spec does not declare: status codes,
content types, headers and bodies all conform.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.integration

CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
    ]
)
MAX_EXAMPLES = int(os.environ.get("TDM_FUZZ_MAX_EXAMPLES", "6"))
# The operations in parts that parallel test processes can share out. The masking operations'
# rule unions each generate thousands of cases; the rest are covered by the last part. Each part
# has its own API and database, so the event stream of a job that an earlier POST queued (which
# never ends with no worker running) is not fuzzed: no part both creates jobs and streams them.
PARTS = {
    "masking-rules": ["--include-path-regex", "^/api/v1/rules/masking"],
    "mask": ["--include-path-regex", "^/api/v1/mask$"],
    "mask-preview": ["--include-path-regex", "^/api/v1/mask/preview$"],
    "job-events": ["--include-path-regex", "/events$"],
    "rest": ["--exclude-path-regex", "^/api/v1/(rules/masking|mask$|mask/preview$)|/events$"],
}
ALL_PHASES = "examples,coverage,fuzzing"
# The three masking operations take the same rule union, validated by the same models: its
# coverage phase (about 4,800 boundary and wrong-type cases, a sixth of the suite's time) runs once,
# on the rule store; the masking job and its preview get their examples and generated requests.
PHASES = {"mask": "examples,fuzzing", "mask-preview": "examples,fuzzing"}


def run_schemathesis(
    spec_url: str, api_key: str, report_dir: Path, selection: list[str], phases: str = ALL_PHASES
) -> subprocess.CompletedProcess[str]:
    """Run the schemathesis CLI against `spec_url`; the key travels in a header it masks in its output."""
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "run",
        spec_url,
        "--header",
        f"X-API-Key:{api_key}",
        "--checks",
        CHECKS,
        "--phases",
        phases,
        "--max-examples",
        str(MAX_EXAMPLES),
        "--workers",
        "1",
        "--seed",
        "20261123",
        "--request-timeout",
        "30",
        "--suppress-health-check",
        "all",
        "--no-shrink",
        "--report",
        "junit",
        "--report-dir",
        str(report_dir),
        *selection,
    ]
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=report_dir,
        env={**os.environ, "NO_COLOR": "1"},
    )


@pytest.mark.timeout(900)
@pytest.mark.parametrize("part", PARTS)
def test_generated_requests_get_declared_answers(live_api, tmp_path, part):
    spec_url = f"{live_api.url}/api/v1/openapi.json"
    result = run_schemathesis(
        spec_url, live_api.key("admin"), tmp_path, PARTS[part], PHASES.get(part, ALL_PHASES)
    )
    (tmp_path / "schemathesis-output.txt").write_text(result.stdout + result.stderr)
    tail = result.stdout[-20000:]
    assert "Test cases:" in result.stdout or "test cases" in result.stdout.lower(), (
        tail + result.stderr[-3000:]
    )
    assert result.returncode == 0, tail
    assert re.search(r"Tested: [1-9]", result.stdout), tail
    assert httpx.get(f"{live_api.url}/api/v1/health", timeout=10).status_code == 200


def _part_of(path: str) -> list[str]:
    parts = []
    for name, (option, pattern) in PARTS.items():
        found = re.search(pattern, path) is not None
        if found == (option == "--include-path-regex"):
            parts.append(name)
    return parts


def test_the_parts_fuzz_every_path_exactly_once():
    spec = json.loads((Path(__file__).resolve().parents[2] / "docs" / "openapi.json").read_text())
    assert spec["paths"]
    for path in spec["paths"]:
        assert len(_part_of(path)) == 1, (path, _part_of(path))


def test_the_operations_fuzzed_without_coverage_take_the_rule_union_the_rule_store_takes():
    """What lets their coverage phase go: the union it would cover is the one covered on the rule store."""
    schemas = json.loads((Path(__file__).resolve().parents[2] / "docs" / "openapi.json").read_text())[
        "components"
    ]["schemas"]
    covered = schemas["RuleSetCreate"]["properties"]["rules"]["oneOf"]
    for model in ("MaskRequest", "PreviewRequest"):
        inline, absent = schemas[model]["properties"]["rules"]["anyOf"]
        assert inline == {"oneOf": covered} and absent == {"type": "null"}, model
    assert set(PHASES) == {"mask", "mask-preview"}
