"""SSRF through webhooks: an environment's `config.webhook_url` and registered webhook URLs pass the
outbound-URL guard when they are configured (422 naming the field) and again at every delivery,
unless the operator allows internal receivers (`TDM_WEBHOOK_ALLOW_PRIVATE`,
`TDM_WEBHOOK_ALLOWED_HOSTS`).
"""

from __future__ import annotations

import logging
import time

import pytest

from tdm_orchestrator.contract import webhook_url_policy
from tdm_orchestrator.webhook_delivery import Message, Outcome, RetryPlan, deliver
from tests.security.rebinding_support import local_server

API = "/api/v1"
PRIVATE_WEBHOOKS = [
    "http://127.0.0.1:9000/hook",
    "http://localhost/hook",
    "http://10.1.2.3/hook",
    "http://[::1]/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.100.100.200/",
]


@pytest.fixture
def strict_webhooks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TDM_WEBHOOK_ALLOW_PRIVATE", raising=False)
    monkeypatch.delenv("TDM_WEBHOOK_ALLOWED_HOSTS", raising=False)
    monkeypatch.delenv("TDM_ENV_FILE", raising=False)


def _message(url: str, secret: str | None = None) -> Message:
    return Message(url, b"{}", "tdm.job.completed", "delivery-1", secret)


def _problem(response, field: str) -> dict:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["field"] == field
    return problem


@pytest.mark.integration
@pytest.mark.parametrize("url", PRIVATE_WEBHOOKS)
def test_environment_webhook_urls_to_private_addresses_are_refused(platform, strict_webhooks, url):
    admin = platform.headers("admin")
    body = {"name": "hooked", "config": {"webhook_url": url}}
    problem = _problem(
        platform.client.post(f"{API}/environments", headers=admin, json=body), "config.webhook_url"
    )
    assert "TDM_WEBHOOK_ALLOW_PRIVATE" in problem["detail"] and "private" in problem["detail"]
    assert platform.client.get(f"{API}/environments", headers=admin).json() == []

    created = platform.client.post(f"{API}/environments", headers=admin, json={"name": "hooked"})
    assert created.status_code == 201
    patch = {"config": {"webhook_url": url}}
    _problem(
        platform.client.patch(f"{API}/environments/hooked", headers=admin, json=patch), "config.webhook_url"
    )
    stored = platform.client.get(f"{API}/environments/hooked", headers=admin).json()["config"]
    assert stored.get("webhook_url") is None

    _problem(platform.client.post(f"{API}/webhooks", headers=admin, json={"url": url}), "url")
    assert platform.client.get(f"{API}/webhooks", headers=admin).json() == []


@pytest.mark.integration
def test_operators_can_allow_internal_receivers(platform, strict_webhooks, monkeypatch):
    admin = platform.headers("admin")
    internal = {"name": "internal", "config": {"webhook_url": "http://10.1.2.3/hook"}}
    assert platform.client.post(f"{API}/environments", headers=admin, json=internal).status_code == 422
    monkeypatch.setenv("TDM_WEBHOOK_ALLOWED_HOSTS", "10.1.2.3, hooks.internal")
    assert platform.client.post(f"{API}/environments", headers=admin, json=internal).status_code == 201
    patch = {"config": {"webhook_url": "http://192.168.1.5/hook"}}
    assert platform.client.patch(f"{API}/environments/internal", headers=admin, json=patch).status_code == 422
    monkeypatch.setenv("TDM_WEBHOOK_ALLOW_PRIVATE", "true")
    response = platform.client.patch(f"{API}/environments/internal", headers=admin, json=patch)
    assert (
        response.status_code == 200 and response.json()["config"]["webhook_url"] == "http://192.168.1.5/hook"
    )


@pytest.mark.integration
def test_webhook_urls_must_be_http_and_unresolved_names_wait_for_delivery(platform, strict_webhooks):
    admin = platform.headers("admin")
    for url in ("ftp://hooks.example.com/x", "file:///etc/passwd", "http:///nohost"):
        body = {"name": "schemes", "config": {"webhook_url": url}}
        problem = _problem(platform.client.post(f"{API}/environments", headers=admin, json=body),
                           "config.webhook_url")  # fmt: skip
        assert problem["detail"].startswith("Webhook URL not allowed")
    # A name that does not resolve from here cannot point anywhere yet; every delivery checks it again.
    body = {"name": "later", "config": {"webhook_url": "https://hooks.example.invalid/tdm"}}
    assert platform.client.post(f"{API}/environments", headers=admin, json=body).status_code == 201


def test_delivery_rechecks_the_url_and_does_not_retry_a_refusal(strict_webhooks, caplog):
    caplog.set_level(logging.WARNING, logger="tdm.webhooks")
    with local_server() as server:
        started = time.monotonic()
        url = f"http://127.0.0.1:{server.port}/hook/secret-path?sig=secret-query"
        assert deliver(_message(url, "whsec-0123456789abcdef")).outcome is Outcome.REFUSED
        assert time.monotonic() - started < 1.0
        assert server.hits == []
    assert "TDM_WEBHOOK_ALLOW_PRIVATE" in caplog.text
    assert (
        "secret-path" not in caplog.text and "secret-query" not in caplog.text and "whsec" not in caplog.text
    )


def test_the_allow_setting_lets_a_local_receiver_through(strict_webhooks, monkeypatch):
    monkeypatch.setenv("TDM_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1")
    assert webhook_url_policy().trusts("127.0.0.1")
    with local_server() as server:
        assert deliver(_message(f"http://127.0.0.1:{server.port}/hook")).outcome is Outcome.DELIVERED
        assert [h.method for h in server.hits] == ["POST"]


def test_a_receiver_that_does_not_resolve_is_retried_a_bounded_number_of_times(strict_webhooks, caplog):
    caplog.set_level(logging.WARNING, logger="tdm.webhooks")
    result = deliver(_message("http://receiver.invalid/hook"), RetryPlan(attempts=2, first_backoff_s=0.01))
    assert result.outcome is Outcome.GAVE_UP and result.error == "the host does not resolve"
    assert caplog.text.count("does not resolve") == 2
