"""One webhook delivery over HTTP: a signed JSON POST, retried with exponential backoff (tenacity).

The outbound-URL guard (`webhook_url_policy`) is applied before the first POST and again on the
connection itself: the POST connects only to the address that was checked (no DNS rebinding) and
follows no redirect. A refused URL is never retried. Failure reasons are short and safe to store
and log: a status code or an exception class, never the URL path, the body or a secret.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from tdm_agents.common.url_guard import (
    UrlPolicy,
    UrlRefused,
    UrlUnresolvable,
    check_url,
    guarded_client,
    shown_origin,
)
from tdm_orchestrator.contract import webhook_url_policy

log = logging.getLogger("tdm.webhooks")


class Outcome(enum.Enum):
    DELIVERED = "delivered"
    REFUSED = "refused"  # the URL policy forbids the receiver: never sent
    GAVE_UP = "gave_up"  # every attempt failed
    STOPPED = "stopped"  # the sender is stopping; the delivery is still due


@dataclass(frozen=True)
class DeliveryResult:
    outcome: Outcome
    error: str | None = None


@dataclass(frozen=True)
class RetryPlan:
    attempts: int = 4
    first_backoff_s: float = 1.0
    max_backoff_s: float = 120.0
    timeout_s: float = 10.0


@dataclass(frozen=True)
class Message:
    """What is POSTed: the body is signed as is; `delivery_id` lets receivers drop repeats."""

    url: str
    body: bytes
    event: str
    delivery_id: str
    secret: str | None = None


class _Retryable(Exception):
    """A failed POST worth trying again; the message is a safe, short reason."""


class _Stopped(Exception):
    pass


def sign(body: bytes, secret: str) -> str:
    """`X-TDM-Signature` value: `sha256=<hex HMAC of the body>`."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def headers_for(message: Message) -> dict[str, str]:
    headers = {
        "Content-Type": "application/json",
        "X-TDM-Event": message.event,
        "X-TDM-Delivery": message.delivery_id,
    }
    if message.secret:
        headers["X-TDM-Signature"] = sign(message.body, message.secret)
    return headers


def _post(client: httpx.Client, message: Message, headers: dict[str, str]) -> None:
    try:
        response = client.post(message.url, content=message.body, headers=headers)
    except UrlUnresolvable:
        raise _Retryable("the host does not resolve") from None
    except httpx.HTTPError as exc:
        raise _Retryable(type(exc).__name__) from None
    if not 200 <= response.status_code < 300:
        raise _Retryable(f"HTTP {response.status_code}")


def deliver(
    message: Message,
    plan: RetryPlan | None = None,
    *,
    policy: UrlPolicy | None = None,
    on_attempt: Callable[[str | None], None] | None = None,
    before_wait: Callable[[float], None] | None = None,
    stopping: threading.Event | None = None,
) -> DeliveryResult:
    """POST until the receiver answers 2xx, the attempts run out, the URL is refused or `stopping` is set.

    `on_attempt(error)` is told about every POST (None when it succeeded); `before_wait(seconds)`
    before each backoff, so a caller can keep its claim on the delivery alive that long.
    """
    plan = plan or RetryPlan()
    policy = policy or webhook_url_policy()
    shown = shown_origin(message.url)  # a receiver's path may be its secret
    try:
        check_url(message.url, policy, allow_unresolvable=True)
    except UrlRefused as exc:
        log.warning("webhook to %s not sent: %s", shown, exc)
        return DeliveryResult(Outcome.REFUSED, str(exc))
    headers = headers_for(message)

    def attempt_once(client: httpx.Client) -> None:
        if stopping is not None and stopping.is_set():
            raise _Stopped
        try:
            _post(client, message, headers)
        except _Retryable as exc:
            log.warning("webhook delivery to %s failed: %s", shown, exc)
            if on_attempt:
                on_attempt(str(exc))
            raise
        if on_attempt:
            on_attempt(None)

    def pause(seconds: float) -> None:
        # A stopping sender wakes from its backoff at once; the next attempt then sees the flag.
        if stopping is not None:
            stopping.wait(seconds)
        else:
            time.sleep(seconds)

    def waiting(state: RetryCallState) -> None:
        if before_wait and state.next_action is not None:
            before_wait(state.next_action.sleep)

    retrying = Retrying(
        stop=stop_after_attempt(max(1, plan.attempts)),
        wait=wait_exponential(multiplier=plan.first_backoff_s, max=plan.max_backoff_s),
        retry=retry_if_exception_type(_Retryable),
        before_sleep=waiting,
        sleep=pause,
        reraise=True,
    )
    with guarded_client(policy, timeout=plan.timeout_s, follow_redirects=False) as client:
        try:
            retrying(attempt_once, client)
        except _Retryable as exc:
            return DeliveryResult(Outcome.GAVE_UP, str(exc))
        except _Stopped:
            return DeliveryResult(Outcome.STOPPED)
        except UrlRefused as exc:  # the connection's own check (the name now resolves elsewhere)
            log.warning("webhook to %s not sent: %s", shown, exc)
            return DeliveryResult(Outcome.REFUSED, str(exc))
    return DeliveryResult(Outcome.DELIVERED)
