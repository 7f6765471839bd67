"""Job completion webhooks: subscriptions (the signing secret stored encrypted, never shown)."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from tdm_api.dependencies import Principal, UnitOfWork, audit, secret_box
from tdm_api.errors import NotFound
from tdm_api.models.workflows import WebhookCreate, WebhookOut
from tdm_api.runtime import ApiRuntime
from tdm_api.services.webhook_urls import check_webhook_url
from tdm_metadata_store.models import Webhook
from tdm_metadata_store.repositories.environments import EnvironmentRepository
from tdm_metadata_store.repositories.webhooks import WebhookRepository


def webhook_out(row: Webhook) -> WebhookOut:
    return WebhookOut(
        id=row.id,
        url=row.url,
        environment_id=row.environment_id,
        events=list(row.events or []),
        active=row.active,
        has_secret=bool(row.secret_encrypted),
        created_at=row.created_at,
    )


def list_webhooks(session: Session) -> list[WebhookOut]:
    return [webhook_out(r) for r in WebhookRepository(session).list()]


def create_webhook(
    uow: UnitOfWork, runtime: ApiRuntime, principal: Principal, body: WebhookCreate
) -> WebhookOut:
    check_webhook_url(body.url, "url")
    env_id: uuid.UUID | None = None
    if body.environment:
        env = EnvironmentRepository(uow.session).get_by_name(body.environment)
        if env is None:
            raise NotFound(f"No environment named {body.environment[:50]!r}.", field="environment")
        env_id = env.id
    row = WebhookRepository(uow.session).create(
        body.url,
        list(body.events),
        environment_id=env_id,
        secret=body.secret,
        box=secret_box(runtime) if body.secret else None,
    )
    audit(uow, principal, "webhook.create", "webhook", row.id, {"environment": body.environment})
    return webhook_out(row)


def delete_webhook(uow: UnitOfWork, principal: Principal, webhook_id: uuid.UUID) -> None:
    if not WebhookRepository(uow.session).delete(webhook_id):
        raise NotFound("No webhook with this id.")
    audit(uow, principal, "webhook.delete", "webhook", webhook_id)
