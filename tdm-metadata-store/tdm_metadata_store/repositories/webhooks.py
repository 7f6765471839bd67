"""Webhooks notified of job events, per environment or global; their signing secrets are encrypted."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import ColumnElement, or_, select

from tdm_metadata_store.crypto import SecretBox
from tdm_metadata_store.models import Webhook
from tdm_metadata_store.repositories.base import Repository


class WebhookRepository(Repository):
    """Where job events are sent."""

    def create(
        self,
        url: str,
        events: Sequence[str],
        *,
        box: SecretBox | None = None,
        secret: str | None = None,
        environment_id: uuid.UUID | None = None,
    ) -> Webhook:
        """Register a webhook; a signing secret requires a box to encrypt it."""
        if secret is not None and box is None:
            raise ValueError("an encryption key is required to store a webhook secret")
        row = Webhook(
            url=url,
            events=list(events),
            environment_id=environment_id,
            secret_encrypted=box.encrypt(secret) if (secret is not None and box is not None) else None,
            active=True,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def get(self, webhook_id: uuid.UUID) -> Webhook | None:
        """The webhook with this id, or None."""
        return self.session.get(Webhook, webhook_id)

    def list(self, environment_id: uuid.UUID | None = None) -> Sequence[Webhook]:
        """Webhooks of an environment plus the global ones; all webhooks when no environment is given."""
        query = select(Webhook).order_by(Webhook.created_at)
        if environment_id is not None:
            query = query.where(
                or_(Webhook.environment_id == environment_id, Webhook.environment_id.is_(None))
            )
        return self.session.scalars(query).all()

    def for_event(self, event: str, environment_id: uuid.UUID | None = None) -> Sequence[Webhook]:
        """Active webhooks subscribed to an event (for this environment or global)."""
        query = select(Webhook).where(Webhook.active.is_(True), Webhook.events.any_() == event)
        scope: ColumnElement[bool] = Webhook.environment_id.is_(None)
        if environment_id is not None:
            scope = or_(scope, Webhook.environment_id == environment_id)
        return self.session.scalars(query.where(scope).order_by(Webhook.created_at)).all()

    def set_active(self, webhook_id: uuid.UUID, active: bool) -> Webhook:
        """Enable or disable a webhook."""
        row = self._existing(Webhook, webhook_id, "webhook")
        row.active = active
        self.session.flush()
        return row

    def get_secret(self, webhook_id: uuid.UUID, box: SecretBox) -> str | None:
        """The plaintext signing secret, for the sender only."""
        row = self._existing(Webhook, webhook_id, "webhook")
        return box.decrypt(row.secret_encrypted) if row.secret_encrypted else None

    def delete(self, webhook_id: uuid.UUID) -> bool:
        """Delete a webhook; True when it existed."""
        return self._delete(Webhook, webhook_id)

    def rotate_all(self, box: SecretBox) -> int:
        """Re-encrypt every stored secret with the primary key; returns how many were rewritten."""
        rows = self.session.scalars(
            select(Webhook).where(Webhook.secret_encrypted.is_not(None)).with_for_update()
        ).all()
        for row in rows:
            row.secret_encrypted = box.rotate(row.secret_encrypted or "")
        self.session.flush()
        return len(rows)
