"""Path traversal in dataset ids, table names and downloads; SSRF in crawl and spec URLs.

The `platform` fixture allows private addresses for other tests; here TDM_CRAWL_ALLOW_PRIVATE is
switched off again (the synthetic settings are read per request), so the API's own guard is what
answers. A redirect from an allowed host to a private address is refused by the job's spec fetch,
which re-checks every hop.
"""

from __future__ import annotations

import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

import pytest

from tdm_agents.synthetic.errors import CrawlError
from tdm_agents.synthetic.settings import SyntheticSettings
from tdm_agents.synthetic.sources.url_guard import check_url
from tdm_dataset_store import InvalidKeyError, LocalDatasetStore
from tdm_dataset_store.keys import table_key
from tdm_orchestrator.errors import PermanentJobError
from tdm_orchestrator.graphs.synthetic import fetch_spec
from tests.api.masking_dataset_support import save_schema_version, store_dir, write_dataset_version
from tests.security.hostile_support import refused_or_accepted

pytestmark = pytest.mark.integration
API = "/api/v1"

TRAVERSALS = [
    "../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "..%252F..%252Fetc%252Fpasswd",
    "/etc/passwd",
    "%2Fetc%2Fpasswd",
    "..\\..\\windows\\win.ini",
    "customers%00.parquet",
    "customers\x00",
    "./customers",
    "customers/../../../manifest",
]
PRIVATE_URLS = [
    "http://127.0.0.1:8000/openapi.json",
    "http://127.1/openapi.json",
    "http://0.0.0.0/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fd00:ec2::254]/",
    "http://100.100.100.200/",
    "http://10.0.0.5/",
    "http://172.16.3.4/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://2130706433/",
    "http://0x7f000001/",
    "http://017700000001/",
    "http://localhost:8000/",
    "file:///etc/passwd",
    "gopher://127.0.0.1:6379/_INFO",
    "ftp://10.0.0.5/",
]


@pytest.fixture
def no_private_fetches(monkeypatch):
    """The default guard: no private addresses and no allowed hosts."""
    monkeypatch.setenv("TDM_CRAWL_ALLOW_PRIVATE", "false")
    monkeypatch.delenv("TDM_CRAWL_ALLOWED_HOSTS", raising=False)


@pytest.fixture
def dataset_id(platform, source_db_url) -> str:
    _, version_id = save_schema_version(platform.env["DATABASE_URL"], source_db_url)
    return write_dataset_version(
        platform.env["DATABASE_URL"], store_dir(platform.env), source_db_url, version_id
    )


def test_traversal_in_dataset_routes_is_refused(platform, dataset_id):
    viewer, client = platform.headers("viewer"), platform.client
    for attempt in TRAVERSALS:
        encoded = quote(attempt, safe="%/")
        for path in (f"/dataset/{encoded}", f"/dataset/{encoded}/download", f"/lineage/dataset/{encoded}"):
            response = client.get(API + path, headers=viewer)
            assert 400 <= response.status_code < 500, (path, response.status_code)
        download = client.get(f"{API}/dataset/{dataset_id}/download", headers=viewer,
                              params={"table": attempt})  # fmt: skip
        refused_or_accepted(download)
        assert b"root:" not in download.content
        preview = client.post(f"{API}/mask/preview", headers=platform.headers("operator"),
                              json={"dataset_version_id": dataset_id, "table": attempt,
                                    "rules": {"customers.email": "mask.redact"}})  # fmt: skip
        refused_or_accepted(preview)
    ok = client.get(f"{API}/dataset/{dataset_id}/download", headers=viewer, params={"table": "customers"})
    assert ok.status_code == 200 and ok.content[:4] == b"PAR1"


def test_dataset_store_refuses_keys_outside_its_root(tmp_path):
    store = LocalDatasetStore(tmp_path / "datasets")
    for attempt in ("../escape", "a/../../b", "x\x00y", "..", ".hidden"):
        with pytest.raises(InvalidKeyError):
            store.open_file(uuid.uuid4(), attempt)
    # '/' may stand in a PostgreSQL table name: it is percent-encoded, so the key stays one
    # segment inside its version's prefix and never names a path elsewhere.
    for name in ("/etc/passwd", "a/b"):
        key = table_key(uuid.uuid4(), name)
        assert "/" not in key.removeprefix("datasets/").split("/", 1)[1], key
    for version in ("../../etc", "/tmp", "not-a-uuid"):
        with pytest.raises(InvalidKeyError):
            store.read_manifest(version)
    assert not (tmp_path / "escape").exists()


@pytest.mark.parametrize("url", PRIVATE_URLS)
def test_synthetic_urls_to_private_addresses_are_refused(platform, no_private_fetches, url):
    operator = platform.headers("operator")
    for body in ({"api_spec_url": url}, {"ui_urls": [url]}):
        response = platform.client.post(f"{API}/synthetic", headers=operator, json=body)
        assert response.status_code == 422, (url, response.status_code, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
    assert platform.client.get(f"{API}/jobs", headers=operator).json()["total"] == 0  # nothing was queued
    assert platform.client.get(f"{API}/health").status_code == 200


@pytest.mark.parametrize("url", PRIVATE_URLS)
def test_url_guard_refuses_private_addresses(url):
    with pytest.raises(CrawlError):
        check_url(url, SyntheticSettings(crawl_allow_private=False, crawl_allowed_hosts=""))


class _RedirectToMetadata(BaseHTTPRequestHandler):
    """Answers every GET with a redirect to an internal address."""

    target = "http://169.254.169.254/latest/meta-data/"

    def do_GET(self) -> None:  # noqa: N802 - the http.server hook name
        self.send_response(302)
        self.send_header("Location", self.target)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def redirecting_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _RedirectToMetadata)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/openapi.json"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("target", ["http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/spec.json",
                                    "http://[::1]:6379/"])  # fmt: skip
def test_spec_fetch_rechecks_every_redirect_hop(redirecting_server, target, monkeypatch):
    # 127.0.0.1 itself is allowed by name, so only the redirect's target can be refused.
    monkeypatch.setattr(_RedirectToMetadata, "target", target)
    settings = SyntheticSettings(crawl_allow_private=False, crawl_allowed_hosts="127.0.0.1")
    with pytest.raises(CrawlError):
        fetch_spec(redirecting_server, settings)


def test_spec_fetch_refuses_loopback_without_allow_list(redirecting_server):
    with pytest.raises((CrawlError, PermanentJobError)):
        fetch_spec(redirecting_server, SyntheticSettings(crawl_allow_private=False, crawl_allowed_hosts=""))
