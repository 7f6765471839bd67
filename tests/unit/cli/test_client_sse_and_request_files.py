"""Client helpers without a server: SSE decoding, request files with flag overrides, request models,
exit-code mapping."""

from __future__ import annotations

import io
import json

import httpx
import pytest
from httpx_sse import EventSource

from tdm_api.cli.client.exit_codes import ExitCode, exit_code_for_status
from tdm_api.cli.client.generated.models import ProvisionRequest, ReviewItem, SubsetJobRequest
from tdm_api.cli.client.http import ClientError
from tdm_api.cli.client.request_files import (
    build_request,
    load_request_file,
    parse_json_option,
    require,
    to_model,
)
from tdm_api.cli.client.sse import job_events
from tdm_api.cli.client.subsetting import expand_filters


def _events(text: str) -> list:
    """The decoded events of a stream body, arriving in small chunks as over a network."""
    chunks = [text[i : i + 7].encode() for i in range(0, len(text), 7)]
    response = httpx.Response(200, headers={"content-type": "text/event-stream"}, content=iter(chunks))
    return list(job_events(EventSource(response)))


def test_sse_events_with_ids_names_comments_and_multiline_data():
    stream = "\r\n".join(
        [
            "event: status",
            'data: {"type": "status", "status": "running"}',
            "",
            ": keep-alive",
            "",
            "id: 17-0",
            "event: progress",
            'data: {"type": "progress",',
            'data:  "stage": "load", "done": 3}',
            "",
            "data: not json",
            "",
            "",
        ]
    )
    events = _events(stream)
    # An event without its own id carries the last one seen: the id to resume after.
    assert [(e.id, e.event) for e in events] == [(None, "status"), ("17-0", "progress"), ("17-0", "message")]
    assert events[0].data == {"type": "status", "status": "running"}
    assert events[1].data == {"type": "progress", "stage": "load", "done": 3}
    assert events[2].data == {"message": "not json"}


def test_request_models_refuse_what_the_api_would_refuse_naming_the_field():
    body = {
        "dataset_version_id": "6f1c1b9e-3c43-4a5e-9c1f-2b7e4bb0a111",
        "target_env": "QA",
        "mode": "append",
    }
    assert to_model(ProvisionRequest, body).to_dict() == body
    cases = [
        ({**body, "dataset_version_id": "d-1"}, "--dataset-version-id must be a UUID"),
        ({"target_env": "QA"}, "missing --dataset-version-id"),
        ({**body, "moed": "append"}, "unknown field(s) in the request: moed"),
    ]
    for bad, message in cases:
        with pytest.raises(ClientError, match=message.replace("(", r"\(").replace(")", r"\)")) as caught:
            to_model(ProvisionRequest, bad)
        assert caught.value.exit_code is ExitCode.INVALID_REQUEST
    with pytest.raises(ClientError, match="Expected one of"):
        to_model(ReviewItem, {"table": "t", "column": "c", "decision": "maybe"})


def test_subset_filters_short_form_becomes_conditions_the_model_reads():
    filters = expand_filters(
        {"customers": {"region": "US"}, "orders": [{"column": "id", "op": ">", "value": 5}]}
    )
    assert filters == {
        "customers": [{"column": "region", "op": "=", "value": "US"}],
        "orders": [{"column": "id", "op": ">", "value": 5}],
    }
    body = {"schema_version_id": "s", "root_table": ["customers", "orders"], "filters": filters, "seed": 7}
    assert to_model(SubsetJobRequest, body).to_dict() == body


def test_flags_override_the_request_file_and_unset_flags_do_not(tmp_path):
    path = tmp_path / "subset.yaml"
    path.write_text(
        "schema_version_id: abc\nsampling_pct: 10\nroot_table: customers\nfilters:\n"
        "  customers: [{column: region, op: '=', value: US}]\n"
    )
    body = build_request(path, sampling_pct=25.0, seed=None, root_table=[], schemas=("public", "sales"))
    assert body == {
        "schema_version_id": "abc",
        "sampling_pct": 25.0,
        "root_table": "customers",
        "filters": {"customers": [{"column": "region", "op": "=", "value": "US"}]},
        "schemas": ["public", "sales"],
    }


def test_json_request_file_and_stdin(tmp_path, monkeypatch):
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"name": "x"}))
    assert load_request_file(path) == {"name": "x"}
    monkeypatch.setattr("sys.stdin", io.StringIO("name: from-stdin\n"))
    assert load_request_file(type(path)("-")) == {"name": "from-stdin"}
    assert load_request_file(None) == {}


@pytest.mark.parametrize("content", ["[1, 2]", "a: [unclosed", "{bad json"])
def test_bad_request_files_are_invalid_requests(tmp_path, content):
    path = tmp_path / ("r.json" if content.startswith("{") else "r.yaml")
    path.write_text(content)
    with pytest.raises(ClientError) as caught:
        load_request_file(path)
    assert caught.value.exit_code is ExitCode.INVALID_REQUEST
    assert str(path) in caught.value.message


def test_missing_file_and_missing_fields_name_what_to_give(tmp_path):
    with pytest.raises(ClientError, match="cannot read request file"):
        load_request_file(tmp_path / "nope.yaml")
    with pytest.raises(ClientError, match="--schema-version-id, --root-table") as caught:
        require({"seed": 1}, "schema_version_id", "root_table")
    assert caught.value.exit_code is ExitCode.INVALID_REQUEST
    with pytest.raises(ClientError, match="--max-rows-per-table must be JSON"):
        parse_json_option("max_rows_per_table", "{orders: 5}")
    assert parse_json_option("rules", '{"a.b": "mask.null"}') == {"a.b": "mask.null"}


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (400, ExitCode.INVALID_REQUEST),
        (404, ExitCode.INVALID_REQUEST),
        (409, ExitCode.INVALID_REQUEST),
        (422, ExitCode.INVALID_REQUEST),
        (401, ExitCode.AUTH_ERROR),
        (403, ExitCode.AUTH_ERROR),
        (500, ExitCode.UNREACHABLE),
        (503, ExitCode.UNREACHABLE),
    ],
)
def test_http_status_to_exit_code(status, code):
    assert exit_code_for_status(status) is code
