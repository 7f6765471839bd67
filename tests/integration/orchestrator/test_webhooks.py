"""Job completion events go into the webhook outbox in the transaction that sets the final status,
one row per receiver, and the worker's sender delivers them signed in the existing payload format."""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from typing import Any, TypedDict

import pytest
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph import END, START, StateGraph
from sqlalchemy import text

from tdm_metadata_store.crypto import SecretBox, generate_key
from tdm_metadata_store.repositories.environments import EnvironmentRepository
from tdm_metadata_store.repositories.jobs import JobRepository
from tdm_metadata_store.repositories.webhook_deliveries import WebhookDeliveryRepository
from tdm_metadata_store.repositories.webhooks import WebhookRepository
from tdm_orchestrator.runner import fail_job, run_job
from tdm_orchestrator.webhook_sender import WebhookSender
from tdm_orchestrator.webhooks import EVENT, enqueue_job_finished
from tests.integration.orchestrator.webhook_support import make_services, receiver, sender_settings

PAYLOAD_KEYS = {
    "event",
    "job_id",
    "operation",
    "status",
    "dataset_version_id",
    "target_env",
    "error",
    "timestamp",
}


@pytest.fixture
def services(metadata_db_url, redis_url, tmp_path):
    svc = make_services(metadata_db_url, redis_url, tmp_path)
    yield svc
    svc.close()


def _job(services, request: dict[str, Any] | None = None) -> uuid.UUID:
    with services.unit_of_work() as session:
        return JobRepository(session).create("TDM_MASK_ONLY", request or {}).id


def _deliveries(services, job_id: uuid.UUID) -> list[dict[str, Any]]:
    with services.unit_of_work() as session:
        return [
            {
                "url": r.url,
                "signing": r.signing,
                "webhook_id": r.webhook_id,
                "status": r.status,
                "body": r.body,
            }
            for r in WebhookDeliveryRepository(session).for_job(job_id)
        ]


class _State(TypedDict, total=False):
    job_id: str
    operation: str
    request: dict
    completed_steps: list
    errors: list
    step_results: dict
    masked_dataset_version_id: str
    current_node: str


def _one_step_graph(dataset_id: str) -> Any:
    def finalize(state: _State) -> dict:
        return {"masked_dataset_version_id": dataset_id, "current_node": "finalize"}

    builder = StateGraph(_State)
    builder.add_node("finalize", finalize)
    builder.add_edge(START, "finalize")
    builder.add_edge("finalize", END)
    return builder.compile(checkpointer=InMemorySaver())


def test_a_finished_job_is_announced_in_its_own_transaction(services):
    job_id = _job(services)
    with services.unit_of_work() as session:
        WebhookRepository(session).create("https://hooks.example.com/all", [EVENT])
    with pytest.raises(RuntimeError), services.unit_of_work() as session:
        job = JobRepository(session).finish(job_id, "failed", error="boom")
        assert enqueue_job_finished(session, job) == 1
        raise RuntimeError("the unit of work rolls back")
    with services.unit_of_work() as session:
        assert JobRepository(session).get(job_id).status == "queued"
    assert _deliveries(services, job_id) == [], "no event without the status, and no status without it"

    with services.unit_of_work() as session:
        job = JobRepository(session).finish(job_id, "failed", error="boom")
        enqueue_job_finished(session, job)
    [row] = _deliveries(services, job_id)
    assert row["status"] == "pending" and row["signing"] == "webhook"
    payload = json.loads(row["body"])
    assert set(payload) == PAYLOAD_KEYS
    assert (payload["job_id"], payload["status"], payload["error"]) == (str(job_id), "failed", "boom")


def test_every_receiver_of_the_job_gets_a_delivery(services):
    with services.unit_of_work() as session:
        envs = EnvironmentRepository(session)
        qa = envs.create("qa", config={"webhook_url": "https://qa.example.com/tdm"})
        uat = envs.create("uat")
        hooks = WebhookRepository(session)
        everywhere = hooks.create("https://hooks.example.com/all", [EVENT])
        for_qa = hooks.create("https://hooks.example.com/qa", [EVENT], environment_id=qa.id)
        hooks.create("https://hooks.example.com/uat", [EVENT], environment_id=uat.id)
        hooks.create("https://hooks.example.com/other", ["tdm.other"])
        hooks.set_active(hooks.create("https://hooks.example.com/off", [EVENT]).id, False)
    job_id = _job(services, {"target_env": "qa"})
    fail_job(services, str(job_id), "The job was interrupted 3 times and was given up.")
    rows = _deliveries(services, job_id)
    assert sorted((r["url"], r["signing"], r["webhook_id"]) for r in rows) == [
        ("https://hooks.example.com/all", "webhook", everywhere.id),
        ("https://hooks.example.com/qa", "webhook", for_qa.id),
        ("https://qa.example.com/tdm", "server", None),
    ]
    assert len({r["body"] for r in rows}) == 1, "every receiver is told the same thing"


def test_a_broken_outbox_write_does_not_fail_the_job(services, monkeypatch):
    with services.unit_of_work() as session:
        WebhookRepository(session).create("https://hooks.example.com/all", [EVENT])

    def broken(self, *args, **kwargs):
        self.session.execute(text("SELECT 1 / 0"))  # a real database error inside the savepoint

    monkeypatch.setattr(WebhookDeliveryRepository, "enqueue", broken)
    job_id = _job(services)
    fail_job(services, str(job_id), "given up")
    with services.unit_of_work() as session:
        assert JobRepository(session).get(job_id).status == "failed"
    assert _deliveries(services, job_id) == []


def test_a_job_run_by_the_worker_is_delivered_signed_by_its_sender(services):
    services.secret_box = SecretBox.from_keys([generate_key()])
    secret = "s3cret-signing-key-123"
    dataset_id = str(uuid.uuid4())
    with receiver(fail_first=1) as hook:
        with services.unit_of_work() as session:
            WebhookRepository(session).create(hook.url(), [EVENT], secret=secret, box=services.secret_box)
        job_id = _job(services)
        assert run_job(str(job_id), services, _one_step_graph(dataset_id), "w1") == "succeeded"
        [row] = _deliveries(services, job_id)
        assert row["status"] == "pending" and hook.posts == [], "the job's thread does not send"
        assert WebhookSender(services, sender_settings(), "s1").send_due() is True
    assert [p.status for p in hook.posts] == [503, 204]
    post = hook.posts[-1]
    assert post.signature == "sha256=" + hmac.new(secret.encode(), post.body, hashlib.sha256).hexdigest()
    payload = json.loads(post.body)
    assert set(payload) == PAYLOAD_KEYS
    assert (payload["event"], payload["job_id"], payload["status"], payload["dataset_version_id"]) == (
        EVENT,
        str(job_id),
        "succeeded",
        dataset_id,
    )
    assert post.body.decode() == row["body"], "the stored bytes are what is sent and signed"
    assert _deliveries(services, job_id)[0]["status"] == "delivered"
