"""Job completion webhooks: an HMAC-signed `tdm.job.completed` JSON POST, retried with backoff.

Delivery runs on a daemon thread so a slow receiver never holds up the worker; the payload holds
ids and statuses only. Receivers verify `X-TDM-Signature: sha256=<hex HMAC of the body>`.

Receivers pass the outbound-URL guard (`webhook_url_policy`): a URL whose host is, or resolves to, a
private, loopback, link-local or metadata address is refused unless the operator allows it
(`TDM_WEBHOOK_ALLOW_PRIVATE`, `TDM_WEBHOOK_ALLOWED_HOSTS`). The POST connects only to the address
that was checked (no DNS rebinding) and follows no redirect. A refused delivery is logged (scheme,
host and port only) and not retried.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx

from tdm_agents.common.url_guard import (
    UrlPolicy,
    UrlRefused,
    UrlUnresolvable,
    check_url,
    guarded_client,
    shown_origin,
)
from tdm_metadata_store.repositories.environments import EnvironmentRepository
from tdm_metadata_store.repositories.webhooks import WebhookRepository
from tdm_orchestrator.contract import webhook_url_policy
from tdm_orchestrator.services import Services

log = logging.getLogger("tdm.webhooks")

EVENT = "tdm.job.completed"
ATTEMPTS = 4
FIRST_BACKOFF_S = 1.0
TIMEOUT_S = 10.0


def completion_payload(job: Any) -> dict[str, Any]:
    result = job.result_json if isinstance(job.result_json, dict) else {}
    dataset = (
        result.get("masked_dataset_version_id")
        or result.get("subset_dataset_version_id")
        or result.get("synthetic_dataset_version_id")
        or result.get("dataset_version_id")
    )
    return {
        "event": EVENT,
        "job_id": str(job.id),
        "operation": job.operation,
        "status": job.status,
        "dataset_version_id": dataset,
        "target_env": result.get("target_env"),
        "error": job.error,
        "timestamp": datetime.now(UTC).isoformat(),
    }


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def deliver(
    url: str, body: bytes, secret: str | None, attempts: int = ATTEMPTS, policy: UrlPolicy | None = None
) -> bool:
    """POST with retries (exponential backoff); True once the receiver answers 2xx.

    A URL the guard refuses (checked before the first attempt, and again on the connection itself)
    is not retried: the answer is False at once. A name that does not resolve is retried like any
    other network failure.
    """
    policy = policy or webhook_url_policy()
    shown = shown_origin(url)  # a receiver's path may be its secret
    try:
        check_url(url, policy, allow_unresolvable=True)
    except UrlRefused as exc:
        log.warning("webhook to %s not sent: %s", shown, exc)
        return False
    headers = {"Content-Type": "application/json", "X-TDM-Event": EVENT, "X-TDM-Delivery": uuid.uuid4().hex}
    if secret:
        headers["X-TDM-Signature"] = sign(body, secret)
    delay = FIRST_BACKOFF_S
    with guarded_client(policy, timeout=TIMEOUT_S, follow_redirects=False) as client:
        for attempt in range(1, attempts + 1):
            try:
                response = client.post(url, content=body, headers=headers)
                if 200 <= response.status_code < 300:
                    return True
                log.warning("webhook to %s answered %s (attempt %d)", shown, response.status_code, attempt)
            except UrlUnresolvable:
                log.warning(
                    "webhook delivery to %s failed: the host does not resolve (attempt %d)", shown, attempt
                )
            except UrlRefused as exc:
                log.warning("webhook to %s not sent: %s", shown, exc)
                return False
            except httpx.HTTPError as exc:
                log.warning(
                    "webhook delivery to %s failed: %s (attempt %d)", shown, type(exc).__name__, attempt
                )
            if attempt < attempts:
                time.sleep(delay)
                delay *= 2
    return False


def _targets(services: Services, job: Any) -> list[tuple[str, str | None]]:
    result = job.result_json if isinstance(job.result_json, dict) else {}
    env_ref = result.get("target_env") or (job.request_json or {}).get("target_env")
    box = services.secret_box
    targets: list[tuple[str, str | None]] = []
    with services.unit_of_work() as session:
        env = EnvironmentRepository(session).get_by_name(str(env_ref)) if env_ref else None
        repo = WebhookRepository(session)
        for hook in repo.for_event(EVENT, env.id if env else None):
            secret = repo.get_secret(hook.id, box) if box and hook.secret_encrypted else None
            targets.append((hook.url, secret))
        if env is not None and (env.config_json or {}).get("webhook_url"):
            targets.append((env.config_json["webhook_url"], _server_secret()))
    return targets


def _server_secret() -> str | None:
    import os

    return os.environ.get("API_SECRET_KEY") or None


def notify_job_finished(services: Services, job: Any) -> threading.Thread | None:
    """Send the completion event to every subscribed webhook, in the background."""
    try:
        targets = _targets(services, job)
    except Exception as exc:  # noqa: BLE001 - notification must never fail the job
        log.warning("could not look up webhooks: %s", type(exc).__name__)
        return None
    if not targets:
        return None
    try:
        policy = webhook_url_policy()
    except Exception as exc:  # noqa: BLE001 - a malformed setting must not fail the job either
        log.warning("could not read the webhook settings: %s", type(exc).__name__)
        return None
    body = json.dumps(completion_payload(job), separators=(",", ":")).encode()

    def run() -> None:
        for url, secret in targets:
            deliver(url, body, secret, policy=policy)

    thread = threading.Thread(target=run, name="webhooks", daemon=True)
    thread.start()
    return thread
