"""The worker's webhook sender against real PostgreSQL and a local receiver: retries with backoff,
giving up, the URL policy at every delivery, takeover after a sender stops or is killed, and no
duplicate sends between concurrent senders."""

from __future__ import annotations

import hashlib
import hmac
import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import update

from tdm_metadata_store.crypto import SecretBox, generate_key
from tdm_metadata_store.models import WebhookDelivery
from tdm_metadata_store.repositories.webhook_deliveries import WebhookDeliveryRepository
from tdm_metadata_store.repositories.webhooks import WebhookRepository
from tdm_orchestrator.webhook_sender import WebhookSender
from tdm_orchestrator.worker import Worker
from tests.integration.orchestrator.webhook_support import make_services, receiver, sender_settings

EVENT = "tdm.job.completed"
REPO_ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def services(metadata_db_url, redis_url, tmp_path):
    svc = make_services(metadata_db_url, redis_url, tmp_path)
    yield svc
    svc.close()


def _enqueue(
    services, url: str, count: int = 1, body: str = '{"event":"tdm.job.completed"}'
) -> list[uuid.UUID]:
    with services.unit_of_work() as session:
        outbox = WebhookDeliveryRepository(session)
        return [outbox.enqueue(EVENT, url, body, signing="server").id for _ in range(count)]


def _row(services, delivery_id: uuid.UUID) -> WebhookDelivery:
    with services.unit_of_work() as session:
        row = WebhookDeliveryRepository(session).get(delivery_id)
        assert row is not None
        session.expunge(row)
        return row


def _until(condition, timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_failing_receiver_is_retried_with_backoff_until_it_accepts(services, monkeypatch):
    monkeypatch.setenv("API_SECRET_KEY", "server-signing-key-0123456789")
    with receiver(fail_first=2) as hook:
        [delivery_id] = _enqueue(services, hook.url())
        assert WebhookSender(services, sender_settings(), "s1").send_due() is True
    row = _row(services, delivery_id)
    assert (row.status, row.attempts, row.last_error) == ("delivered", 3, "HTTP 503")
    assert row.delivered_at is not None and row.claimed_by is None
    assert [p.status for p in hook.posts] == [503, 503, 204]
    assert {p.delivery_id for p in hook.posts} == {str(delivery_id)}, "one idempotency id for every attempt"
    expected = (
        "sha256="
        + hmac.new(b"server-signing-key-0123456789", hook.posts[-1].body, hashlib.sha256).hexdigest()
    )
    assert hook.posts[-1].signature == expected and hook.posts[-1].event == EVENT


def test_a_delivery_is_given_up_after_the_set_attempts(services):
    with receiver(fail_first=100, fail_status=500) as hook:
        [delivery_id] = _enqueue(services, hook.url())
        sender = WebhookSender(services, sender_settings(webhook_max_attempts=3), "s1")
        assert sender.send_due() is True
        assert sender.send_due() is False, "a dead delivery is not claimed again"
    row = _row(services, delivery_id)
    assert (row.status, row.attempts, row.last_error, row.delivered_at) == ("dead", 3, "HTTP 500", None)
    assert len(hook.posts) == 3


def test_a_delivery_whose_attempts_ran_out_under_a_dead_sender_is_not_sent_again(services):
    with receiver() as hook:
        [delivery_id] = _enqueue(services, hook.url())
        with services.unit_of_work() as session:
            session.execute(
                update(WebhookDelivery).where(WebhookDelivery.id == delivery_id).values(attempts=3)
            )
        assert WebhookSender(services, sender_settings(webhook_max_attempts=3), "s1").send_due() is True
    row = _row(services, delivery_id)
    assert (row.status, row.last_error) == ("dead", "gave up after 3 attempts")
    assert hook.posts == []


def test_a_url_the_policy_refuses_is_never_sent(services):
    with receiver() as hook:
        url = hook.url("/hooks/secret-path?token=secret-query")
        [delivery_id] = _enqueue(services, url)
        strict = sender_settings(webhook_allowed_hosts="")
        assert WebhookSender(services, strict, "s1").send_due() is True
    row = _row(services, delivery_id)
    assert (row.status, row.attempts) == ("dead", 0)
    assert "TDM_WEBHOOK_ALLOW_PRIVATE" in (row.last_error or "")
    assert "secret-path" not in row.last_error and "secret-query" not in row.last_error
    assert hook.posts == []


def test_a_signing_secret_the_worker_cannot_decrypt_is_not_sent_unsigned(services):
    box = SecretBox.from_keys([generate_key()])
    with receiver() as hook:
        with services.unit_of_work() as session:
            hook_row = WebhookRepository(session).create(
                hook.url(), [EVENT], secret="whsec-0123456789", box=box
            )
            delivery_id = (
                WebhookDeliveryRepository(session)
                .enqueue(EVENT, hook_row.url, "{}", signing="webhook", webhook_id=hook_row.id)
                .id
            )
        services.secret_box = None
        assert WebhookSender(services, sender_settings(), "s1").send_due() is True
    row = _row(services, delivery_id)
    assert row.status == "dead" and "TDM_ENCRYPTION_KEYS" in (row.last_error or "")
    assert "whsec" not in row.last_error
    assert hook.posts == []


def test_a_stopped_sender_hands_its_delivery_back_to_another(services):
    with receiver(fail_first=1) as hook:
        [delivery_id] = _enqueue(services, hook.url())
        # A long backoff: the first sender is waiting between attempts when it is stopped.
        first = WebhookSender(services, sender_settings(webhook_first_backoff_s=60), "s1")
        thread = threading.Thread(target=first.send_due)
        thread.start()
        _until(lambda: _row(services, delivery_id).attempts == 1)
        first.stop()
        thread.join(10)
        assert not thread.is_alive(), "stopping wakes the sender from its backoff"
        released = _row(services, delivery_id)
        assert (released.status, released.claimed_by) == ("pending", None)
        assert WebhookSender(services, sender_settings(), "s2").send_due() is True
    row = _row(services, delivery_id)
    assert (row.status, row.attempts) == ("delivered", 2)
    assert [p.status for p in hook.posts] == [503, 204]


def test_a_killed_senders_delivery_is_taken_over_after_its_lease(
    services, metadata_db_url, redis_url, tmp_path
):
    with receiver(hang_first=True) as hook:
        [delivery_id] = _enqueue(services, hook.url())
        env = {
            **os.environ,
            "TDM_WEBHOOK_ALLOWED_HOSTS": "127.0.0.1",
            "TDM_WEBHOOK_TIMEOUT_S": "2",
            "TDM_WEBHOOK_LEASE_S": "1",
            "TDM_WEBHOOK_SENDERS": "1",
            "TDM_WEBHOOK_POLL_S": "0.05",
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.integration.orchestrator.webhook_sender_process",
             metadata_db_url, redis_url, str(tmp_path / "doomed")],
            cwd=REPO_ROOT, env=env,
        )  # fmt: skip
        try:
            assert hook.seen.wait(60), "the doomed sender never posted"
            assert _row(services, delivery_id).claimed_by == "doomed-sender"
        finally:
            process.kill()
            process.wait(10)
        survivor = WebhookSender(services, sender_settings(), "survivor")
        assert survivor.send_due() is False, "the killed sender's lease still hides the delivery"
        _until(survivor.send_due)
    row = _row(services, delivery_id)
    assert (row.status, row.attempts) == ("delivered", 1)
    # At least once: the receiver saw the killed sender's unanswered POST too, with the same id.
    assert [p.delivery_id for p in hook.posts] == [str(delivery_id)] * 2
    assert len(hook.accepted()) == 1


def test_two_concurrent_senders_never_send_a_delivery_twice(services):
    with receiver(delay_s=0.02) as hook:
        ids = _enqueue(services, hook.url(), count=30)
        senders = [WebhookSender(services, sender_settings(webhook_senders=3), f"s{n}") for n in (1, 2)]
        for sender in senders:
            sender.start()
        try:
            _until(lambda: len(hook.posts) >= len(ids), timeout_s=60)
            time.sleep(0.3)  # room for a duplicate to show up
        finally:
            for sender in senders:
                sender.stop()
    assert sorted(p.delivery_id for p in hook.posts) == sorted(str(i) for i in ids)
    with services.unit_of_work() as session:
        rows = [WebhookDeliveryRepository(session).get(i) for i in ids]
        assert {(r.status, r.attempts) for r in rows if r} == {("delivered", 1)}


def test_a_worker_sends_the_outbox_while_it_runs_and_stops_its_senders_with_it(services):
    with receiver() as hook:
        [delivery_id] = _enqueue(services, hook.url())
        worker = Worker(services, sender_settings(), worker_id="w-webhooks")
        thread = threading.Thread(target=worker.run)
        thread.start()
        try:
            _until(lambda: _row(services, delivery_id).status == "delivered")
        finally:
            worker.stop()
            thread.join(30)
        assert not thread.is_alive()
    assert not any(t.name.startswith("webhooks-") and t.is_alive() for t in threading.enumerate())
    assert [p.delivery_id for p in hook.posts] == [str(delivery_id)]


def test_a_woken_sender_sends_at_once_and_an_idle_one_waits_for_its_poll(services):
    with receiver() as hook:
        sender = WebhookSender(services, sender_settings(webhook_poll_s=60, webhook_senders=1), "s1")
        looks: list[bool] = []
        look = sender.send_due

        def counted_look() -> bool:
            looks.append(look())
            return looks[-1]

        sender.send_due = counted_look  # type: ignore[method-assign]
        sender.start()
        try:
            _until(lambda: looks == [False])  # its first look found nothing: it now sleeps for a minute
            [delivery_id] = _enqueue(services, hook.url())
            time.sleep(0.5)
            assert _row(services, delivery_id).status != "delivered", "sent without a wake or a poll"
            assert looks == [False], "looked again before its poll interval"
            sender.wake()
            _until(lambda: _row(services, delivery_id).status == "delivered", timeout_s=5)
        finally:
            sender.stop(timeout_s=5)
