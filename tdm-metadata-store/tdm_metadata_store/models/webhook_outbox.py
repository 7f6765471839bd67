"""The webhook outbox: one row per event and receiver, written with the change it announces."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, String, func, text
from sqlalchemy.orm import Mapped, mapped_column

from tdm_metadata_store.models.base import Base, CreatedAt, UuidPk, in_values

DELIVERY_STATUSES = ("pending", "delivered", "dead")
# How a delivery is signed when it is sent: with its webhook's own secret, or the server secret
# (an environment's `config.webhook_url`). Secrets are looked up at send time, never copied here.
DELIVERY_SIGNING = ("webhook", "server")


class WebhookDelivery(Base):
    """A webhook POST to make; its id is the idempotency id receivers see in `X-TDM-Delivery`."""

    __tablename__ = "webhook_deliveries"

    id: Mapped[UuidPk]
    event: Mapped[str] = mapped_column(String(100), nullable=False)
    job_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("jobs.id", ondelete="SET NULL"), index=True)
    # Removing a webhook removes what was still to be sent to it.
    webhook_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("webhooks.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str]
    signing: Mapped[str] = mapped_column(String(10), nullable=False)
    # The exact bytes sent (and signed) on every attempt.
    body: Mapped[str]
    status: Mapped[str] = mapped_column(String(10), nullable=False, server_default=text("'pending'"))
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, server_default=text("0"))
    last_error: Mapped[str | None]
    # When a sender may next claim the row: a claim moves it past the claimer's next attempt (its
    # lease), so the rows of a sender that died become claimable again on their own.
    available_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
    claimed_by: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[CreatedAt]
    last_attempt_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]

    __table_args__ = (
        CheckConstraint(in_values("status", DELIVERY_STATUSES), name="status"),
        CheckConstraint(in_values("signing", DELIVERY_SIGNING), name="signing"),
        Index(
            "ix_webhook_deliveries_pending_available_at",
            "available_at",
            postgresql_where=text("status = 'pending'"),
        ),
    )
