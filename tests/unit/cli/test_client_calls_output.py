"""Commands built on the shared call helpers: a list as a table, a record with its items below it,
a created record; JSON output prints the answer alone."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from tdm_api.cli.main import build_app

RULE_SET_ID = "0b6f3d2a-8c1e-4f57-9a0d-3e2c1b4a5f60"
WORKFLOW_JOB_ID = "5d2e7c41-9b3a-4e8f-8a6c-1f0e2d3c4b5a"
RULE_SET = {
    "id": RULE_SET_ID, "name": "shop-ci", "version": 2, "schema_version_id": None, "created_by": "ci",
    "created_at": "2026-11-23T10:00:00Z", "description": "CI masking",
    "rules": [{"table": "customers", "column": "email", "type": "mask.email_deterministic", "options": {}}],
}  # fmt: skip
ANSWERS = {
    ("GET", "/api/v1/rules/masking"): [RULE_SET],
    ("GET", f"/api/v1/rules/masking/{RULE_SET_ID}"): RULE_SET,
    ("GET", f"/api/v1/workflow/status/{WORKFLOW_JOB_ID}"): {
        "job_id": WORKFLOW_JOB_ID, "status": "running", "template": "full",
        "steps": [{"name": "subsetting", "status": "succeeded", "outputs": {}, "error": None}],
    },
    ("POST", "/api/v1/rules/masking"): RULE_SET,
}  # fmt: skip


class _Api(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.server.bodies.append(json.loads(self.rfile.read(length) or b"null"))  # type: ignore[attr-defined]
        body = json.dumps(ANSWERS[(self.command, urlsplit(self.path).path)]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer  # noqa: N815 - http.server's naming

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture(scope="module")
def api() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Api)
    server.bodies = []  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def _tdm(api: ThreadingHTTPServer, *args: str) -> str:
    url = f"http://127.0.0.1:{api.server_address[1]}"
    result = CliRunner().invoke(build_app(), ["--api-url", url, "--api-key", "k", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_lists_print_their_columns(api):
    output = _tdm(api, "rules", "list")
    assert "shop-ci" in output and "created_by" in output


def test_a_record_prints_its_fields_then_its_items(api):
    output = _tdm(api, "rules", "show", RULE_SET_ID)
    assert output.index("CI masking") < output.index("mask.email_deterministic")
    status = _tdm(api, "workflow", "status", WORKFLOW_JOB_ID)
    assert "running" in status and "subsetting" in status and "succeeded" in status


def test_json_output_is_the_answer_alone(api):
    assert json.loads(_tdm(api, "-o", "json", "rules", "show", RULE_SET_ID)) == RULE_SET
    created = _tdm(
        api,
        "-o",
        "json",
        "rules",
        "create",
        "--name",
        "shop-ci",
        "--rules",
        '{"customers.email": "mask.hash"}',
    )
    assert json.loads(created) == RULE_SET
    assert api.bodies[-1] == {"name": "shop-ci", "rules": {"customers.email": "mask.hash"}}
