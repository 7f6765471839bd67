"""Job completion webhooks: the `tdm.job.completed` event, written to the outbox with the job's status.

`enqueue_job_finished` runs inside the unit of work that sets the final status, so the event is
recorded exactly when the status is (both commit or neither does); the worker's `WebhookSender`
then delivers it at least once. The payload holds ids and statuses only.

Who is told: active webhooks subscribed to the event (global, or of the job's target environment),
signed with their own secret; and an environment's `config.webhook_url`, signed with the server
secret (`API_SECRET_KEY`). Secrets are looked up when a delivery is sent, never stored with it.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from tdm_metadata_store.repositories.environments import EnvironmentRepository
from tdm_metadata_store.repositories.webhook_deliveries import WebhookDeliveryRepository
from tdm_metadata_store.repositories.webhooks import WebhookRepository

log = logging.getLogger("tdm.webhooks")

EVENT = "tdm.job.completed"


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


def enqueue_job_finished(session: Session, job: Any) -> int:
    """Write one outbox row per receiver of this finished job's event; returns how many.

    Runs in a savepoint of the caller's transaction: if writing the rows fails, the job's status
    still commits (a notification never fails a job) and the failure is logged.
    """
    try:
        with session.begin_nested():
            return _enqueue(session, job)
    except Exception as exc:  # noqa: BLE001 - notification must never fail the job
        log.warning("could not record the webhooks of job %s: %s", job.id, type(exc).__name__)
        return 0


def _enqueue(session: Session, job: Any) -> int:
    result = job.result_json if isinstance(job.result_json, dict) else {}
    env_ref = result.get("target_env") or (job.request_json or {}).get("target_env")
    env = EnvironmentRepository(session).get_by_name(str(env_ref)) if env_ref else None
    body = json.dumps(completion_payload(job), separators=(",", ":"))
    outbox = WebhookDeliveryRepository(session)
    count = 0
    for hook in WebhookRepository(session).for_event(EVENT, env.id if env else None):
        outbox.enqueue(EVENT, hook.url, body, signing="webhook", job_id=job.id, webhook_id=hook.id)
        count += 1
    env_url = (env.config_json or {}).get("webhook_url") if env is not None else None
    if env_url:
        outbox.enqueue(EVENT, str(env_url), body, signing="server", job_id=job.id)
        count += 1
    return count
