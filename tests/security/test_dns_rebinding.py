"""DNS rebinding: a name that answers a public address to the guard's lookup and 127.0.0.1 to the
next one must not reach a local server, whether through the spec fetch, a webhook delivery, the UI
crawler, or a redirect hop. The guarded client connects to the address it checked, keeping the
name for the Host header and for TLS (SNI and certificate verification).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging
import ssl
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tdm_agents.common.url_guard import UrlPolicy, UrlRefused, check_url, guarded_client
from tdm_agents.synthetic.errors import CrawlError
from tdm_agents.synthetic.settings import SyntheticSettings
from tdm_agents.synthetic.sources.browser import chromium_available
from tdm_agents.synthetic.sources.spec_fetch import fetch_spec
from tdm_agents.synthetic.sources.ui_crawl import crawl
from tdm_orchestrator.webhook_delivery import Message, Outcome, deliver
from tests.security.rebinding_support import PUBLIC_ADDRESS, RebindingResolver, local_server

pytestmark = pytest.mark.timeout(180)
needs_chromium = pytest.mark.skipif(not chromium_available(), reason="/usr/bin/chromium is not installed")

STRICT = UrlPolicy(action="fetch", allow_hint="a test allow-list")


@pytest.fixture
def resolver(monkeypatch: pytest.MonkeyPatch) -> RebindingResolver:
    return RebindingResolver(monkeypatch)


def _strict_crawl(**overrides: object) -> SyntheticSettings:
    values: dict[str, object] = {"crawl_allow_private": False, "crawl_allowed_hosts": "",
                                 "crawl_page_timeout_seconds": 10}  # fmt: skip
    values.update(overrides)
    return SyntheticSettings.model_validate(values)


def test_the_stub_rebinds_an_unpinned_client_reaches_the_local_server(resolver):
    # The control: checking the name and then letting httpx resolve it again is the hole.
    with local_server() as server:
        url = server.url(resolver.rebind("rebind.test"), "/spec.json")
        check_url(url, STRICT)  # first lookup: the public address passes
        assert httpx.get(url).status_code == 200  # second lookup: 127.0.0.1
        assert len(server.hits) == 1


def test_the_guarded_client_connects_only_to_the_address_it_checked(resolver):
    with local_server() as server, guarded_client(STRICT) as client:
        url = server.url(resolver.rebind("rebind.test"), "/spec.json")
        check_url(url, STRICT)
        with pytest.raises(UrlRefused, match="refusing to fetch rebind.test"):
            client.get(url)
        assert server.hits == []
        assert resolver.lookups["rebind.test"] == 2


def test_redirect_hops_are_pinned_too(resolver):
    with local_server() as internal:
        target = internal.url(resolver.rebind("rebind.test"), "/spec.json")
        with local_server(redirect_to=target) as start:
            policy = UrlPolicy(allowed_hosts=frozenset({"127.0.0.1"}))
            with guarded_client(policy, follow_redirects=True) as client, pytest.raises(UrlRefused):
                check_url(target, policy)  # the hop's own check passes (public answer)
                client.get(start.url("127.0.0.1", "/spec.json"))
            assert len(start.hits) == 1 and internal.hits == []


def test_a_trusted_name_is_pinned_and_keeps_its_host_header(resolver):
    with local_server() as server:
        name = resolver.local("svc.test")
        policy = UrlPolicy(allowed_hosts=frozenset({name}))
        with guarded_client(policy) as client:
            assert client.get(server.url(name, "/spec.json")).status_code == 200
        assert [h.host for h in server.hits] == [f"svc.test:{server.port}"]
        assert resolver.lookups[name] == 1  # resolved once, by the guard: the connection used its answer


def test_spec_fetch_does_not_reach_a_rebound_name(resolver):
    with local_server() as server:
        url = server.url(resolver.rebind("spec.test"), "/openapi.json")
        with pytest.raises(CrawlError, match="refusing to fetch spec.test"):
            fetch_spec(url, _strict_crawl())
        assert server.hits == []


def test_spec_fetch_redirect_to_a_rebound_name_is_refused(resolver):
    with local_server() as internal:
        target = internal.url(resolver.rebind("hop.test"), "/openapi.json")
        with local_server(redirect_to=target) as start:
            with pytest.raises(CrawlError, match="refusing to fetch hop.test"):
                fetch_spec(
                    start.url("127.0.0.1", "/openapi.json"), _strict_crawl(crawl_allowed_hosts="127.0.0.1")
                )
            assert len(start.hits) == 1 and internal.hits == []


def test_webhook_to_a_rebound_name_is_refused_once_and_logged_without_secrets(resolver, caplog):
    caplog.set_level(logging.WARNING, logger="tdm.webhooks")
    policy = UrlPolicy(action="send webhooks to", allow_hint="TDM_WEBHOOK_ALLOW_PRIVATE")
    with local_server() as server:
        url = server.url(resolver.rebind("hooks.test"), "/services/T0/B0/pathsecret?token=querysecret")
        started = time.monotonic()
        message = Message(url, b"{}", "tdm.job.completed", "delivery-1", "signing-secret-0123456789")
        assert deliver(message, policy=policy).outcome is Outcome.REFUSED
        assert time.monotonic() - started < 1.0  # no backoff: a refusal is not retried
        assert server.hits == []
        assert resolver.lookups["hooks.test"] == 2
    logged = caplog.text
    assert "hooks.test" in logged and "refusing to send webhooks to" in logged
    for secret in ("pathsecret", "querysecret", "signing-secret"):
        assert secret not in logged


def test_webhook_to_an_allowed_receiver_is_delivered_on_the_checked_address(resolver):
    with local_server() as server:
        name = resolver.local("receiver.test")
        policy = UrlPolicy(allowed_hosts=frozenset({name}))
        message = Message(server.url(name, "/hook"), b"{}", "tdm.job.completed", "delivery-1")
        assert deliver(message, policy=policy).outcome is Outcome.DELIVERED
        assert [(h.method, h.host) for h in server.hits] == [("POST", f"receiver.test:{server.port}")]


@pytest.mark.ui
@needs_chromium
@pytest.mark.parametrize("public_lookups", [1, 2])
def test_the_crawler_does_not_reach_a_rebound_name(resolver, public_lookups):
    # 1: the route handler's check sees 127.0.0.1; 2: that check passes and the connection's own
    # lookup sees 127.0.0.1. Either way nothing reaches the local server.
    with local_server() as server:
        url = server.url(resolver.rebind("ui.test", public_lookups), "/index.html")
        with pytest.raises(CrawlError, match="refusing to fetch ui.test"):
            crawl([url], _strict_crawl())
        assert server.hits == []


@pytest.mark.ui
@needs_chromium
def test_the_browser_resolves_nothing_itself(resolver, web_pages):
    # `site.test` exists only in this process's resolver: the pages load, so every request went
    # through the crawler's guarded client, never through Chromium's own DNS.
    name = resolver.local("site.test")
    start = web_pages.replace("127.0.0.1", name) + "/register.html"
    result = crawl([start], _strict_crawl(crawl_allowed_hosts=name, crawl_max_depth=1))
    titles = {p.title for p in result.pages}
    assert {"Customer registration", "Customers"} <= titles
    assert result.pages[0].forms and result.pages[0].url == start


# --- TLS: the pinned connection still verifies the certificate for the name -----------------


def _certificate(name: str) -> tuple[bytes, bytes]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return cert.public_bytes(serialization.Encoding.PEM), key_pem


@pytest.fixture
def tls_server(tmp_path) -> Iterator[tuple[int, bytes, list[str | None]]]:
    """An HTTPS server on 127.0.0.1 with a certificate for `tls.test`; records the SNI it is sent."""
    cert, key = _certificate("tls.test")
    (tmp_path / "cert.pem").write_bytes(cert)
    (tmp_path / "key.pem").write_bytes(key)
    server_names: list[str | None] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    context.sni_callback = lambda _sock, name, _ctx: server_names.append(name)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, format: str, *args: object) -> None:
            return None

    class TlsServer(ThreadingHTTPServer):
        def get_request(self):  # noqa: ANN202 - the socketserver hook
            sock, address = self.socket.accept()
            return context.wrap_socket(sock, server_side=True), address

        def handle_error(self, request, client_address) -> None:  # noqa: ANN001 - a refused handshake
            return None

    server = TlsServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1], cert, server_names
    finally:
        server.shutdown()
        server.server_close()


def test_tls_keeps_the_name_for_sni_and_certificate_checks(resolver, tls_server):
    port, cert, server_names = tls_server
    trust = ssl.create_default_context(cadata=cert.decode())
    for name in ("tls.test", "other.test"):
        resolver.local(name)
    policy = UrlPolicy(allowed_hosts=frozenset({"tls.test", "other.test"}))
    with guarded_client(policy, verify=trust) as client:
        assert client.get(f"https://tls.test:{port}/").text == "ok"
        assert server_names == ["tls.test"]
        with pytest.raises(httpx.ConnectError, match="(?i)certificate"):
            client.get(f"https://other.test:{port}/")  # the certificate is not for this name


def test_guard_policy_basics():
    assert UrlPolicy(allow_private=True).trusts("10.0.0.1")
    assert UrlPolicy(allowed_hosts=frozenset({"::1"})).trusts("[::1]")
    for url in ("ftp://example.com/", "http:///x", "http://host:99999/"):
        with pytest.raises(UrlRefused):
            check_url(url, STRICT)
    with pytest.raises(UrlRefused, match="cannot resolve"):
        check_url("http://no-such-host.invalid/", STRICT)
    check_url("http://no-such-host.invalid/", STRICT, allow_unresolvable=True)
    assert ipaddress.ip_address(PUBLIC_ADDRESS).is_global
