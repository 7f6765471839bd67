"""Sends the webhook outbox: threads in each worker claim due deliveries and POST them.

Claims use `SELECT ... FOR UPDATE SKIP LOCKED`, so concurrent senders (threads or workers) never
take the same row, and a claim is a lease: the row becomes due again once the lease runs out. A
sender extends its lease before every backoff; one that dies stops extending, and another sender
takes the row over and goes on counting its attempts. Delivery is therefore at least once — a
sender that dies after the receiver answered but before recording it leaves the row to be sent
again — and receivers drop repeats by the `X-TDM-Delivery` id, which is the row's id.
"""

from __future__ import annotations

import logging
import os
import threading
import uuid
from dataclasses import dataclass

from tdm_metadata_store.repositories.webhook_deliveries import WebhookDeliveryRepository
from tdm_metadata_store.repositories.webhooks import WebhookRepository
from tdm_orchestrator.contract import webhook_url_policy
from tdm_orchestrator.services import Services
from tdm_orchestrator.settings import OrchestratorSettings
from tdm_orchestrator.webhook_delivery import DeliveryResult, Message, Outcome, RetryPlan, deliver

log = logging.getLogger("tdm.webhooks")


class SecretUnavailable(Exception):
    """A delivery must be signed with a stored secret this worker cannot decrypt."""


@dataclass(frozen=True)
class Claimed:
    id: uuid.UUID
    event: str
    url: str
    body: str
    signing: str
    webhook_id: uuid.UUID | None
    attempts: int


class WebhookSender:
    """`start()` with the worker, `stop()` when it stops; `send_due()` is one claim-and-send step."""

    def __init__(self, services: Services, settings: OrchestratorSettings, sender_id: str) -> None:
        self.services = services
        self.settings = settings
        self.sender_id = sender_id
        self.stopping = threading.Event()
        self._due = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        self.stopping.clear()
        self._threads = [
            threading.Thread(target=self._loop, name=f"webhooks-{n}", daemon=True)
            for n in range(self.settings.webhook_senders)
        ]
        for thread in self._threads:
            thread.start()

    def stop(self, timeout_s: float | None = None) -> None:
        """Stop claiming; a delivery between attempts is handed back for another sender."""
        self.stopping.set()
        self._due.set()
        for thread in self._threads:
            thread.join(timeout_s)
        self._threads = []

    def wake(self) -> None:
        """Deliveries may have just been written here (a job of this worker ended): look now, not at
        the next poll. Polling is left to find the rest (another worker's, a dead sender's)."""
        self._due.set()

    def _loop(self) -> None:
        while not self.stopping.is_set():
            self._due.clear()  # before the claim: a wake during it makes the next wait return at once
            try:
                sent = self.send_due()
            except Exception as exc:  # noqa: BLE001 - a database blip must not end the sender
                log.warning("webhook sender %s: %s", self.sender_id, type(exc).__name__)
                sent = False
            if not sent:
                self._due.wait(self.settings.webhook_poll_s)

    def send_due(self) -> bool:
        """Claim one due delivery and send it; False when none was due."""
        claimed = self._claim()
        if claimed is None:
            return False
        if claimed.attempts >= self.settings.webhook_max_attempts:
            # Its last sender died after the final attempt, before giving it up.
            self._settle(
                claimed, DeliveryResult(Outcome.GAVE_UP, f"gave up after {claimed.attempts} attempts")
            )
            return True
        try:
            secret = self._secret(claimed)
        except SecretUnavailable as exc:
            result = DeliveryResult(Outcome.REFUSED, str(exc))
        else:
            result = self._deliver(claimed, secret)
        self._settle(claimed, result)
        return True

    def _claim(self) -> Claimed | None:
        lease_s = self.settings.webhook_timeout_s + self.settings.webhook_lease_s
        with self.services.unit_of_work() as session:
            rows = WebhookDeliveryRepository(session).claim(self.sender_id, lease_s)
            if not rows:
                return None
            row = rows[0]
            return Claimed(row.id, row.event, row.url, row.body, row.signing, row.webhook_id, row.attempts)

    def _secret(self, claimed: Claimed) -> str | None:
        if claimed.signing == "server":
            return os.environ.get("API_SECRET_KEY") or None
        with self.services.unit_of_work() as session:
            hook = WebhookRepository(session).get(claimed.webhook_id) if claimed.webhook_id else None
            if hook is None or not hook.secret_encrypted:
                return None
            if self.services.secret_box is None:
                raise SecretUnavailable(
                    "the webhook's signing secret cannot be decrypted: no encryption key is configured "
                    "(TDM_ENCRYPTION_KEYS)"
                )
            return WebhookRepository(session).get_secret(hook.id, self.services.secret_box)

    def _deliver(self, claimed: Claimed, secret: str | None) -> DeliveryResult:
        settings = self.settings
        plan = RetryPlan(
            attempts=settings.webhook_max_attempts - claimed.attempts,
            first_backoff_s=settings.webhook_first_backoff_s,
            max_backoff_s=settings.webhook_max_backoff_s,
            timeout_s=settings.webhook_timeout_s,
        )
        message = Message(claimed.url, claimed.body.encode(), claimed.event, str(claimed.id), secret)

        def on_attempt(error: str | None) -> None:
            with self.services.unit_of_work() as session:
                WebhookDeliveryRepository(session).record_attempt(claimed.id, error)

        def before_wait(seconds: float) -> None:
            lease_s = seconds + settings.webhook_timeout_s + settings.webhook_lease_s
            with self.services.unit_of_work() as session:
                WebhookDeliveryRepository(session).extend_lease(claimed.id, self.sender_id, lease_s)

        return deliver(
            message,
            plan,
            policy=webhook_url_policy(settings),
            on_attempt=on_attempt,
            before_wait=before_wait,
            stopping=self.stopping,
        )

    def _settle(self, claimed: Claimed, result: DeliveryResult) -> None:
        with self.services.unit_of_work() as session:
            outbox = WebhookDeliveryRepository(session)
            if result.outcome is Outcome.DELIVERED:
                outbox.mark_delivered(claimed.id)
            elif result.outcome is Outcome.STOPPED:
                outbox.release(claimed.id, self.sender_id)
            else:
                outbox.mark_dead(claimed.id, result.error or "not delivered")
        if result.outcome in (Outcome.REFUSED, Outcome.GAVE_UP):
            log.warning("webhook delivery %s given up: %s", claimed.id, result.error)
