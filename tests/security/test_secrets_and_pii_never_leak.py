"""Seeded secrets and personal data appear nowhere outside their encrypted columns.

Unique values are seeded: PII rows in the source, a password in the source connection string, a
different one in the target environment's URL, a fresh masking key, the Fernet key, the API keys.
Every job type runs through the API and a real worker (discovery, PII classification, subset,
mask, provision, synthetic, and a job that fails on a bad connection string). Then every place a
person or a program can read is scanned: worker logs, the API's log records, job details and logs,
every API response, Redis (events, queues, caches), and the metadata database table by table,
checkpoints included. Only needle names are reported, never the values.
"""

from __future__ import annotations

import base64
import logging
import os
import uuid

import psycopg
import pytest
from sqlalchemy.engine import make_url

from tests.fixtures.postgres import create_database, drop_database
from tests.integration.pipeline.test_no_pii_leaks import needles as pii_needles
from tests.integration.pipeline.test_no_pii_leaks import seed, seeded_values
from tests.security.leak_scan import hits, metadata_dump, redis_dump

pytestmark = pytest.mark.integration
API = "/api/v1"


def with_password(url: str, password: str) -> str:
    # The embedded test server trusts local connections, so any password connects.
    return make_url(url).set(password=password).render_as_string(hide_password=False)


class Recorder:
    """Calls the API and keeps every response body for the scan."""

    def __init__(self, platform) -> None:
        self.platform = platform
        self.seen: list[str] = []

    def call(self, method: str, path: str, role: str = "operator", expect: int | None = None, **kwargs):
        response = self.platform.client.request(
            method, API + path, headers=self.platform.headers(role), **kwargs
        )
        self.seen.append(response.text)
        if expect is not None:
            assert response.status_code == expect, (path, response.status_code)
        return response.json() if response.content else None

    def job(self, path: str, body: dict, timeout_s: float = 180) -> dict:
        job_id = self.call("POST", path, json=body, expect=202)["job_id"]
        self.platform.wait_for_job(job_id, timeout_s=timeout_s)
        detail = self.call("GET", f"/job/{job_id}", role="viewer", expect=200)
        return detail


@pytest.fixture
def target_db_url(pg_server_url):
    url = create_database(pg_server_url, prefix="tdm_leak_target")
    yield url
    drop_database(pg_server_url, url)


def seed_source(url: str) -> list[tuple[str, str, str, str]]:
    rows = seeded_values()
    seed(url, rows)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE vip_orders (id serial PRIMARY KEY, contact_id int REFERENCES vip_contacts(id),"
                     " amount numeric(10,2))")  # fmt: skip
        conn.execute("INSERT INTO vip_orders (contact_id, amount) SELECT id, id * 3.5 FROM vip_contacts")
        conn.execute("ANALYZE")
    return rows


def run_every_job(rec: Recorder, source_url: str, target_url: str) -> dict[str, dict]:
    """Discovery, PII, subset, mask, provision, synthetic and a failing discovery; returns the job details."""
    connection = rec.call("POST", "/connections", role="admin", expect=201,
                          json={"name": "leak-source", "connection_string": source_url})  # fmt: skip
    rec.call("POST", "/environments", role="admin", expect=201,
             json={"name": "leak-target", "connection_string": target_url})  # fmt: skip
    jobs = {"discover": rec.job("/discover-schema", {"connection_id": connection["id"]})}
    version_id = jobs["discover"]["result"]["schema_version_id"]
    jobs["pii"] = rec.job("/pii/classify", {"schema_version_id": version_id})
    jobs["subset"] = rec.job("/subset", {"schema_version_id": version_id, "connection_id": connection["id"],
                                         "root_table": "vip_contacts", "sampling_pct": 100})  # fmt: skip
    subset_id = jobs["subset"]["result"]["subset_dataset_version_id"]
    rules = {"vip_contacts.contact": "mask.email_deterministic", "vip_contacts.tax_id": "mask.tokenize",
             "vip_contacts.mobile": "mask.fake_phone", "vip_contacts.remarks": "mask.redact"}  # fmt: skip
    jobs["mask"] = rec.job("/mask", {"dataset_version_id": subset_id, "rules": rules})
    masked_id = jobs["mask"]["result"]["masked_dataset_version_id"]
    jobs["provision"] = rec.job("/provision", {"dataset_version_id": masked_id, "target_env": "leak-target"})
    jobs["synthetic"] = rec.job("/synthetic", {"schema_version_id": version_id,
                                               "row_counts": {"vip_contacts": 10}, "seed": 3})  # fmt: skip
    broken = with_password(make_url(source_url).set(database="no_such_db").render_as_string(False),
                           make_url(source_url).password or "")  # fmt: skip
    jobs["failing"] = rec.job("/discover-schema", {"connection_string": broken})
    for dataset_id in (subset_id, masked_id):
        rec.call("GET", f"/dataset/{dataset_id}", role="viewer", expect=200)
        rec.call("GET", f"/lineage/dataset/{dataset_id}", role="viewer", expect=200)
    for path in (
        "/connections",
        "/environments",
        "/datasets",
        "/jobs?limit=500",
        "/schemas",
        "/rules/masking",
        "/webhooks",
        "/me",
        f"/pii/{version_id}",
        f"/pii/{version_id}/suggested-rules",
    ):
        rec.call("GET", path, role="admin", expect=200)
    rec.call("POST", f"/connections/{connection['id']}/test", expect=200)
    return jobs


def test_secrets_and_pii_appear_nowhere(
    platform, start_worker, fresh_db_url, target_db_url, caplog, monkeypatch
):
    caplog.set_level(logging.DEBUG)
    rows = seed_source(fresh_db_url)
    masking_key = base64.urlsafe_b64encode(os.urandom(32)).decode()
    secrets = {
        "source password": f"srcPw-{uuid.uuid4().hex}",
        "target password": f"tgtPw-{uuid.uuid4().hex}",
        "masking key": masking_key.rstrip("="),
        "encryption key": platform.env["TDM_ENCRYPTION_KEYS"],
        "api secret key": platform.env["API_SECRET_KEY"],
        **{f"{role} api key": key for role, key in platform.keys.items()},
    }
    source_url = with_password(fresh_db_url, secrets["source password"])
    target_url = with_password(target_db_url, secrets["target password"])
    monkeypatch.setenv("TDM_MASKING_KEYS", f"kleak:{masking_key}")
    start_worker(concurrency=1, extra_env={"TDM_MASKING_KEYS": f"kleak:{masking_key}"})

    rec = Recorder(platform)
    jobs = run_every_job(rec, source_url, target_url)
    failed = [name for name, job in jobs.items() if job["status"] != "succeeded"]
    assert failed == ["failing"], {name: jobs[name]["error"] for name in failed}
    assert jobs["mask"]["result"]["step_results"]["masking"]["key_id"] == "kleak"

    needles = {**secrets, **{f"pii {i}": v for i, v in enumerate(sorted(pii_needles(rows)))}}
    metadata, binary_columns = metadata_dump(platform.env["DATABASE_URL"])
    places = {
        "worker logs": "".join(p.read_text() for p in platform.log_dir.glob("worker-*.log")),
        "api log records": "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records),
        "api responses": "\n".join(rec.seen),
        "redis": redis_dump(platform.env["REDIS_URL"]),
        **metadata,
    }
    # Finished jobs keep no checkpoints, so nothing of their state (ids, statistics) stays behind.
    assert "vip_contacts" not in metadata.get("table checkpoint_blobs", ""), (
        "finished jobs keep no checkpoints"
    )
    assert "leak-source" in metadata["table connections"]
    leaks = {where: hits(text, needles) for where, text in places.items()}
    leaks["binary columns, raw"] = hits(binary_columns, secrets)
    assert not {where: found for where, found in leaks.items() if found}
