"""The webhook outbox repository: enqueue, claim with a lease under SKIP LOCKED, attempts and outcomes."""

from __future__ import annotations

import time
import uuid

import pytest
from sqlalchemy import text

from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
from tdm_metadata_store.repositories.jobs import JobRepository
from tdm_metadata_store.repositories.webhook_deliveries import WebhookDeliveryRepository
from tdm_metadata_store.repositories.webhooks import WebhookRepository

EVENT = "tdm.job.completed"


@pytest.fixture
def sessions(metadata_db_url):
    engine = make_engine(metadata_db_url, pool_size=4)
    yield make_session_factory(engine)
    engine.dispose()


def _enqueue(sessions, count: int = 1) -> list[uuid.UUID]:
    with unit_of_work(sessions) as session:
        job = JobRepository(session).create("TDM_SUBSET_ONLY", {})
        outbox = WebhookDeliveryRepository(session)
        return [
            outbox.enqueue(EVENT, "https://hooks.example.com/tdm", "{}", signing="server", job_id=job.id).id
            for _ in range(count)
        ]


def test_a_delivery_starts_pending_and_due(sessions):
    [delivery_id] = _enqueue(sessions)
    with unit_of_work(sessions) as session:
        row = WebhookDeliveryRepository(session).get(delivery_id)
        assert row is not None
        assert (row.status, row.attempts, row.last_error, row.delivered_at) == ("pending", 0, None, None)
        assert WebhookDeliveryRepository(session).for_job(row.job_id) == [row]


def test_signing_must_be_known_and_webhook_signing_needs_the_webhook(sessions):
    with unit_of_work(sessions) as session:
        outbox = WebhookDeliveryRepository(session)
        with pytest.raises(ValueError, match="signing must be one of"):
            outbox.enqueue(EVENT, "https://h.example.com", "{}", signing="none")
        with pytest.raises(ValueError, match="needs the webhook id"):
            outbox.enqueue(EVENT, "https://h.example.com", "{}", signing="webhook")


def test_a_claimed_delivery_is_hidden_until_its_lease_runs_out(sessions):
    [delivery_id] = _enqueue(sessions)
    with unit_of_work(sessions) as session:
        [row] = WebhookDeliveryRepository(session).claim("sender-a", lease_s=0.5)
        assert (row.id, row.claimed_by) == (delivery_id, "sender-a")
    with unit_of_work(sessions) as session:
        assert WebhookDeliveryRepository(session).claim("sender-b", lease_s=30) == []
    time.sleep(0.6)
    with unit_of_work(sessions) as session:
        [row] = WebhookDeliveryRepository(session).claim("sender-b", lease_s=30)
        assert row.claimed_by == "sender-b"
    with unit_of_work(sessions) as session:
        outbox = WebhookDeliveryRepository(session)
        assert outbox.extend_lease(delivery_id, "sender-a", 30) is False, "sender-a lost the claim"
        assert outbox.extend_lease(delivery_id, "sender-b", 30) is True


def test_a_row_being_claimed_is_skipped_not_waited_for(sessions):
    first, second = _enqueue(sessions, 2)
    holder = sessions()
    try:
        [held] = WebhookDeliveryRepository(holder).claim("sender-a", lease_s=30)  # not committed yet
        started = time.monotonic()
        with unit_of_work(sessions) as session:
            session.execute(text("SET LOCAL lock_timeout = '5s'"))
            [other] = WebhookDeliveryRepository(session).claim("sender-b", lease_s=30, limit=5)
        assert time.monotonic() - started < 2
        assert {held.id, other.id} == {first, second}
    finally:
        holder.rollback()
        holder.close()


def test_attempts_errors_and_outcomes_are_recorded(sessions):
    delivered, dead, released = _enqueue(sessions, 3)
    with unit_of_work(sessions) as session:
        outbox = WebhookDeliveryRepository(session)
        outbox.claim("sender-a", lease_s=30, limit=3)
        outbox.record_attempt(delivered, "HTTP 503")
        outbox.record_attempt(delivered, None)
        outbox.mark_delivered(delivered)
        outbox.record_attempt(dead, "x" * 900)
        outbox.mark_dead(dead, "HTTP 500")
        outbox.release(released, "sender-a")
    with unit_of_work(sessions) as session:
        outbox = WebhookDeliveryRepository(session)
        row = outbox.get(delivered)
        assert (row.status, row.attempts, row.last_error, row.claimed_by) == (
            "delivered",
            2,
            "HTTP 503",
            None,
        )
        assert row.delivered_at is not None and row.last_attempt_at is not None
        row = outbox.get(dead)
        assert (row.status, row.attempts, row.last_error, row.delivered_at) == ("dead", 1, "HTTP 500", None)
        [again] = outbox.claim("sender-b", lease_s=30, limit=3)
        assert again.id == released, "a released delivery is due at once; finished ones never again"


def test_removing_a_webhook_removes_what_was_still_to_be_sent_to_it(sessions):
    with unit_of_work(sessions) as session:
        hook = WebhookRepository(session).create("https://hooks.example.com/a", [EVENT])
        delivery = WebhookDeliveryRepository(session).enqueue(
            EVENT, hook.url, "{}", signing="webhook", webhook_id=hook.id
        )
        hook_id, delivery_id = hook.id, delivery.id
    with unit_of_work(sessions) as session:
        WebhookRepository(session).delete(hook_id)
    with unit_of_work(sessions) as session:
        assert WebhookDeliveryRepository(session).get(delivery_id) is None
