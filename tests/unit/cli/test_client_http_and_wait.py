"""The HTTP wrapper and `--wait` against httpx's in-memory transport: problem lines, exit codes, JSON-only stdout."""

from __future__ import annotations

import json

import httpx
import pytest
from tenacity import wait_none

from tdm_api.cli.client.context import ClientOptions, OutputFormat
from tdm_api.cli.client.download import download, safe_name
from tdm_api.cli.client.exit_codes import ExitCode
from tdm_api.cli.client.follow import RECONNECT_ATTEMPTS, wait_for_job
from tdm_api.cli.client.generated.api.connections import create_connection
from tdm_api.cli.client.generated.api.jobs import list_jobs
from tdm_api.cli.client.generated.api.subset import create_subset
from tdm_api.cli.client.generated.models import ConnectionCreate, SubsetJobRequest
from tdm_api.cli.client.http import ApiClient, ClientError

JOB = "6f1c1b9e-3c43-4a5e-9c1f-2b7e4bb0a111"
DATASET = "2c9d4e1f-7a3b-4c5d-8e6f-0a1b2c3d4e5f"
PAGE = {"items": [], "total": 0, "limit": 5, "offset": 0}


def _client(handler) -> ApiClient:
    return ApiClient("http://tdm.test", "k-123", transport=httpx.MockTransport(handler))


def _problem(status: int, detail: str, errors=None) -> httpx.Response:
    body = {
        "type": "x",
        "title": {422: "Invalid request", 403: "Forbidden"}.get(status, "Error"),
        "status": status,
        "detail": detail,
        **({"errors": errors} if errors else {}),
    }
    return httpx.Response(status, json=body, headers={"content-type": "application/problem+json"})


def test_requests_carry_the_key_and_prefix_and_drop_unset_params():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=PAGE)

    with _client(handler) as client:
        answer = client.call(list_jobs.sync_detailed, status=None, limit=5)
    assert answer.data == PAGE and answer.parsed.total == 0
    assert seen[0].url == "http://tdm.test/api/v1/jobs?limit=5&offset=0"
    assert seen[0].headers["X-API-Key"] == "k-123"


def test_problem_details_become_one_line_with_field_errors():
    errors = [{"field": "name", "message": "too short"}, {"field": "connection_string", "message": "bad url"}]
    with (
        _client(lambda r: _problem(422, "name: too short", errors)) as client,
        pytest.raises(ClientError) as caught,
    ):
        client.call(create_connection.sync_detailed, body=ConnectionCreate(name="", connection_string="x"))
    assert caught.value.exit_code is ExitCode.INVALID_REQUEST
    assert caught.value.message == "422 Invalid request: name: too short; connection_string: bad url"
    assert "\n" not in caught.value.message


def test_non_json_errors_and_auth_errors():
    bad_gateway = _client(lambda r: httpx.Response(502, text="<html>bad gateway</html>"))
    with bad_gateway as client, pytest.raises(ClientError) as caught:
        client.call(list_jobs.sync_detailed)
    assert caught.value.message == "502 Bad Gateway" and caught.value.exit_code is ExitCode.UNREACHABLE
    with _client(lambda r: _problem(403, "needs operator")) as client, pytest.raises(ClientError) as caught:
        client.call(create_subset.sync_detailed, body=SubsetJobRequest(root_table="t", schema_version_id="s"))
    assert caught.value.exit_code is ExitCode.AUTH_ERROR and "needs operator" in caught.value.message


def test_connection_refused_is_unreachable():
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    with _client(refuse) as client, pytest.raises(ClientError) as caught:
        client.call(list_jobs.sync_detailed)
    assert caught.value.exit_code is ExitCode.UNREACHABLE
    assert (
        caught.value.message == "cannot reach the TDM API at http://tdm.test: [Errno 111] Connection refused"
    )


def _sse(*events: dict) -> str:
    return "".join(
        f"id: {i}-0\nevent: {e['type']}\ndata: {json.dumps(e)}\n\n" for i, e in enumerate(events, 1)
    )


def _job_server(final_status: str, error: str | None = None):
    stream = _sse(
        {"type": "status", "status": "running"},
        {"type": "progress", "stage": "extract", "done": 5, "total": 10},
        {"type": "log", "stage": "extract", "message": "read customers"},
        {"type": "status", "status": final_status},
    )
    job = {
        "id": JOB,
        "operation": "TDM_SUBSET_ONLY",
        "status": final_status,
        "error": error,
        "result": {"dataset_version_id": "d-1"} if final_status == "succeeded" else None,
        "request": {},
        "logs": [],
    }

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/events"):
            return httpx.Response(200, text=stream, headers={"content-type": "text/event-stream"})
        return httpx.Response(200, json=job)

    return handler


@pytest.mark.parametrize(
    ("status", "code"),
    [
        ("succeeded", ExitCode.SUCCEEDED),
        ("failed", ExitCode.FAILED),
        ("cancelled", ExitCode.CANCELLED),
        ("awaiting_approval", ExitCode.AWAITING_APPROVAL),
    ],
)
def test_wait_ends_with_the_exit_code_of_the_status_and_json_alone_on_stdout(capsys, status, code):
    with _client(_job_server(status, "boom" if status == "failed" else None)) as client:
        assert wait_for_job(client, ClientOptions(output=OutputFormat.json), JOB) is code
    captured = capsys.readouterr()
    outcome = json.loads(captured.out)
    assert outcome["status"] == status and outcome["id"] == JOB
    assert "extract" not in captured.err  # no progress bars in JSON mode


def test_wait_in_table_mode_reports_status_and_error(capsys):
    with _client(_job_server("failed", "source refused the connection")) as client:
        assert wait_for_job(client, ClientOptions(), JOB) is ExitCode.FAILED
    captured = capsys.readouterr()
    assert f"job {JOB} failed" in captured.out
    assert "error: source refused the connection" in captured.err


def test_download_streams_a_file_and_never_lets_the_server_pick_the_directory(tmp_path):
    payload = b"PAR1" + bytes(range(256)) * 50

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.params.get("table") == "orders"
        return httpx.Response(
            200,
            content=payload,
            headers={
                "content-type": "application/vnd.apache.parquet",
                "content-disposition": 'attachment; filename="../../etc/orders.parquet"',
            },
        )

    with _client(handler) as client:
        files = download(client, DATASET, "orders", tmp_path)
    assert files == [{"table": "orders", "path": str(tmp_path / "orders.parquet"), "bytes": len(payload)}]
    assert (tmp_path / "orders.parquet").read_bytes() == payload
    assert safe_name("..") == "download" and safe_name("a\\b\\c.zip") == "c.zip"


def test_download_of_every_table_follows_presigned_redirects_without_the_api_key(tmp_path):
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.host == "objects.test":
            return httpx.Response(200, content=b"PAR1-" + request.url.path.encode())
        table = request.url.params.get("table")
        if table is None:
            return httpx.Response(
                200, json=[{"table": t, "rows": 1, "bytes": 1, "url": "/x"} for t in ("a", "b")]
            )
        return httpx.Response(307, headers={"location": f"https://objects.test/bucket/{table}.parquet?sig=1"})

    with _client(handler) as client:
        files = download(client, DATASET, None, tmp_path / "out")
    assert [f["table"] for f in files] == ["a", "b"]
    assert (tmp_path / "out" / "b.parquet").read_bytes() == b"PAR1-/bucket/b.parquet"
    to_store = [r for r in seen if r.url.host == "objects.test"]
    assert len(to_store) == 2 and all("X-API-Key" not in r.headers for r in to_store)
    assert all(r.headers["X-API-Key"] == "k-123" for r in seen if r.url.host == "tdm.test")


def test_a_server_that_is_not_the_api_is_reported_not_crashed_on():
    html = _client(lambda r: httpx.Response(200, text="<html>welcome</html>"))
    with html as client, pytest.raises(ClientError) as caught:
        client.call(list_jobs.sync_detailed)
    assert caught.value.exit_code is ExitCode.UNREACHABLE and "is not JSON" in caught.value.message
    odd_scheme = ApiClient("ftp://tdm.test", None)
    with odd_scheme as client, pytest.raises(ClientError) as caught:
        client.call(list_jobs.sync_detailed)
    assert caught.value.exit_code is ExitCode.UNREACHABLE and "unsupported protocol" in caught.value.message


def test_wait_reconnects_after_the_last_event_id_when_the_stream_drops(monkeypatch, capsys):
    monkeypatch.setattr("tdm_api.cli.client.follow.RECONNECT_WAIT", wait_none())
    first = _sse({"type": "status", "status": "running"}, {"type": "progress", "stage": "load", "done": 1})
    done = _job_server("succeeded")
    resumed_after: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/events"):
            resumed_after.append(request.headers.get("Last-Event-ID"))
            if len(resumed_after) == 1:
                return httpx.Response(200, text=first, headers={"content-type": "text/event-stream"})
            if len(resumed_after) == 2:
                raise httpx.ConnectError("[Errno 111] Connection refused", request=request)
        return done(request)

    with _client(handler) as client:
        assert wait_for_job(client, ClientOptions(output=OutputFormat.json), JOB) is ExitCode.SUCCEEDED
    assert resumed_after == [None, "2-0", "2-0"]
    assert json.loads(capsys.readouterr().out)["status"] == "succeeded"


def test_wait_gives_up_on_an_api_that_stays_away(monkeypatch):
    monkeypatch.setattr("tdm_api.cli.client.follow.RECONNECT_WAIT", wait_none())
    attempts = []

    def refuse(request: httpx.Request) -> httpx.Response:
        attempts.append(request)
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    with _client(refuse) as client, pytest.raises(ClientError) as caught:
        wait_for_job(client, ClientOptions(output=OutputFormat.json), JOB)
    assert caught.value.exit_code is ExitCode.UNREACHABLE
    assert len(attempts) == RECONNECT_ATTEMPTS


def test_a_malformed_id_is_refused_before_any_request(tmp_path):
    def never(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"no request expected, got {request.url}")

    with _client(never) as client:
        with pytest.raises(ClientError, match="the job id must be a UUID") as caught:
            wait_for_job(client, ClientOptions(), "job-1")
        assert caught.value.exit_code is ExitCode.INVALID_REQUEST
        with pytest.raises(ClientError, match="the dataset version id must be a UUID"):
            download(client, "d-1", "orders", tmp_path)


def _workflow_record(status: str) -> httpx.Response:
    body = {"id": JOB, "operation": "FULL_TDM_PIPELINE", "status": status, "request": {}, "logs": []}
    return httpx.Response(200, json=body)


def test_wait_follows_again_when_the_stream_opens_with_a_stale_parked_status(capsys):
    streams = [
        _sse({"type": "status", "status": "awaiting_approval"}),
        _sse({"type": "status", "status": "running"}, {"type": "status", "status": "cancelled"}),
    ]
    records = ["running", "cancelled"]

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/events"):
            return httpx.Response(200, text=streams.pop(0), headers={"content-type": "text/event-stream"})
        return _workflow_record(records.pop(0))

    with _client(handler) as client:
        assert wait_for_job(client, ClientOptions(output=OutputFormat.json), JOB) is ExitCode.CANCELLED
    assert json.loads(capsys.readouterr().out)["status"] == "cancelled"
    assert not streams and not records


def test_a_resumed_job_is_followed_after_its_replayed_pause_not_from_the_start_again(capsys):
    """The stream of a running job replays its history, the earlier pause included; following on
    from the start again would stop at that pause each time while the job runs."""
    history = {"type": "status", "status": "awaiting_approval"}
    asked_after: list[str | None] = []
    records = ["running", "cancelled"]

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/events"):
            after = request.headers.get("Last-Event-ID")
            asked_after.append(after)
            events = [history] if after is None else [{"type": "status", "status": "cancelled"}]
            return httpx.Response(200, text=_sse(*events), headers={"content-type": "text/event-stream"})
        return _workflow_record(records.pop(0))

    with _client(handler) as client:
        assert wait_for_job(client, ClientOptions(output=OutputFormat.json), JOB) is ExitCode.CANCELLED
    assert asked_after == [None, "1-0"]
    assert json.loads(capsys.readouterr().out)["status"] == "cancelled"
