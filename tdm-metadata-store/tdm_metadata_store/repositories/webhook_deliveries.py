"""The webhook outbox: rows written with the change they announce, claimed by senders with a lease.

Times come from the database clock (`now()`), so workers on different machines agree on when a
row is due and when a lease has run out.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import func, select, update

from tdm_metadata_store.models import DELIVERY_SIGNING, WebhookDelivery
from tdm_metadata_store.repositories.base import Repository


class WebhookDeliveryRepository(Repository):
    """Pending, delivered and dead webhook deliveries."""

    def enqueue(
        self,
        event: str,
        url: str,
        body: str,
        *,
        signing: str,
        job_id: uuid.UUID | None = None,
        webhook_id: uuid.UUID | None = None,
    ) -> WebhookDelivery:
        """Add a delivery to send; it is visible to senders once the caller's transaction commits."""
        if signing not in DELIVERY_SIGNING:
            raise ValueError(f"signing must be one of {', '.join(DELIVERY_SIGNING)}")
        if signing == "webhook" and webhook_id is None:
            raise ValueError("a delivery signed with its webhook's secret needs the webhook id")
        row = WebhookDelivery(
            event=event, url=url, body=body, signing=signing, job_id=job_id, webhook_id=webhook_id
        )
        self.session.add(row)
        self.session.flush()
        return row

    def get(self, delivery_id: uuid.UUID) -> WebhookDelivery | None:
        """The delivery with this id, or None."""
        return self.session.get(WebhookDelivery, delivery_id)

    def for_job(self, job_id: uuid.UUID) -> list[WebhookDelivery]:
        """Every delivery announcing this job, oldest first."""
        query = select(WebhookDelivery).where(WebhookDelivery.job_id == job_id)
        return list(self.session.scalars(query.order_by(WebhookDelivery.created_at, WebhookDelivery.id)))

    def claim(self, sender_id: str, lease_s: float, limit: int = 1) -> list[WebhookDelivery]:
        """Take up to `limit` due pending deliveries for `sender_id`, hiding them from other senders
        for `lease_s`; rows another sender is claiming at this moment are skipped, not waited for."""
        due = (
            select(WebhookDelivery.id)
            .where(WebhookDelivery.status == "pending", WebhookDelivery.available_at <= func.now())
            .order_by(WebhookDelivery.available_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        ids = list(self.session.scalars(due))
        if not ids:
            return []
        claimed = self.session.scalars(
            update(WebhookDelivery)
            .where(WebhookDelivery.id.in_(ids))
            .values(available_at=func.now() + timedelta(seconds=lease_s), claimed_by=sender_id)
            .returning(WebhookDelivery),
            execution_options={"populate_existing": True},
        )
        return list(claimed)

    def extend_lease(self, delivery_id: uuid.UUID, sender_id: str, lease_s: float) -> bool:
        """Keep a claimed delivery hidden for `lease_s` more; False when the sender no longer holds it."""
        result = self.session.execute(
            update(WebhookDelivery)
            .where(
                WebhookDelivery.id == delivery_id,
                WebhookDelivery.claimed_by == sender_id,
                WebhookDelivery.status == "pending",
            )
            .values(available_at=func.now() + timedelta(seconds=lease_s))
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def record_attempt(self, delivery_id: uuid.UUID, error: str | None) -> None:
        """Count one POST; `error` is a short reason fit for operators (no URL, body or secret)."""
        values: dict = {"attempts": WebhookDelivery.attempts + 1, "last_attempt_at": func.now()}
        if error is not None:
            values["last_error"] = error[:500]
        self.session.execute(
            update(WebhookDelivery).where(WebhookDelivery.id == delivery_id).values(**values)
        )

    def mark_delivered(self, delivery_id: uuid.UUID) -> None:
        """The receiver accepted it: never send it again."""
        self.session.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.id == delivery_id)
            .values(status="delivered", delivered_at=func.now(), claimed_by=None)
        )

    def mark_dead(self, delivery_id: uuid.UUID, error: str) -> None:
        """Give up on a delivery (refused URL, or out of attempts); kept for the record."""
        self.session.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.id == delivery_id, WebhookDelivery.status == "pending")
            .values(status="dead", last_error=error[:500], claimed_by=None)
        )

    def release(self, delivery_id: uuid.UUID, sender_id: str) -> None:
        """Hand a claimed delivery back at once (its sender is stopping)."""
        self.session.execute(
            update(WebhookDelivery)
            .where(
                WebhookDelivery.id == delivery_id,
                WebhookDelivery.claimed_by == sender_id,
                WebhookDelivery.status == "pending",
            )
            .values(available_at=func.now(), claimed_by=None)
        )
