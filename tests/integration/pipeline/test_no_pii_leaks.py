"""No sampled value leaks: seeded unique PII never shows up in logs, events, errors, responses or prompts.

Unique values (an email, a US SSN, a phone number, a note quoting them) are seeded into a source
table; discovery and PII classification run (with a worker, and once in-process with the scripted
chat model), a review is recorded and a job is made to fail. Then everything a person or a
program can read is scanned: job details and logs, the jobs' Redis event streams, the LLM cache,
API responses, the worker log files, the LLM prompts, and the PII job's checkpoints.

Decision: the statistics of `GET /schema/{id}` (min/max per column) are stored metadata that
discovery keeps on purpose, shown only to API callers with the viewer role; they are left out of
the scan, and the rest of that response is scanned.
"""

from __future__ import annotations

import json
import random
import uuid

import psycopg
import pytest

from tdm_cache.client import sync_client
from tdm_cache.events import JobEvents
from tests.integration.pipeline.test_pii_job_path import run_in_process

pytestmark = pytest.mark.integration
ROWS = 24


def seeded_values() -> list[tuple[str, str, str, str]]:
    """Rows of (email, ssn, phone, note) that occur nowhere else."""
    rnd = random.Random(uuid.uuid4().int)
    rows = []
    for _ in range(ROWS):
        email = f"zq-unique-{uuid.uuid4().hex}@example.com"
        ssn = f"{rnd.randint(101, 665)}-{rnd.randint(10, 99)}-{rnd.randint(1000, 9999)}"
        phone = f"+1 (415) {rnd.randint(200, 999)}-{rnd.randint(1000, 9999)}"
        rows.append((email, ssn, phone, f"call back on {phone} or write to {email} today"))
    return rows


def seed(url: str, rows: list[tuple[str, str, str, str]]) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "CREATE TABLE vip_contacts (id serial PRIMARY KEY, contact text, tax_id text, "
            "mobile text, remarks text)"
        )
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO vip_contacts (contact, tax_id, mobile, remarks) VALUES (%s, %s, %s, %s)", rows
            )
        conn.execute("ANALYZE vip_contacts")


def needles(rows) -> set[str]:
    """Every seeded value, plus the distinctive parts of each (a truncated value is still a leak)."""
    out = set()
    for email, ssn, phone, _ in rows:
        out |= {email, email.split("@")[0], ssn, phone, phone[-8:]}
    return out


def hits(text: str, values: set[str]) -> list[str]:
    return sorted(v for v in values if v in text)


def _api(platform, path: str) -> str:
    r = platform.client.get(f"/api/v1/{path}", headers=platform.headers())
    assert r.status_code == 200, (path, r.status_code)
    return r.text


def _post_job(platform, path: str, body: dict) -> str:
    r = platform.client.post(f"/api/v1/{path}", headers=platform.headers("operator"), json=body)
    assert r.status_code == 202, r.text
    return r.json()["job_id"]


def _without_stats(schema_detail: dict) -> dict:
    for table in schema_detail["snapshot"]["tables"]:
        for column in table["columns"]:
            column.pop("stats", None)
    return schema_detail


def _llm_answer(messages) -> dict:
    request = json.loads(messages[-1].content)
    return {
        "columns": [{"column": c["name"], "label": "other", "confidence": 0.5} for c in request["columns"]]
    }


def _checkpoint_hits(database_url: str, job_id: str, values: set[str]) -> list[str]:
    found = []
    with psycopg.connect(database_url) as conn:
        for value in values:
            row = conn.execute(
                "SELECT (SELECT count(*) FROM checkpoint_blobs WHERE thread_id = %(t)s"
                "        AND position(%(v)s::bytea IN blob) > 0)"
                " + (SELECT count(*) FROM checkpoint_writes WHERE thread_id = %(t)s"
                "        AND position(%(v)s::bytea IN blob) > 0)",
                {"t": job_id, "v": value.encode()},
            ).fetchone()
            if row and row[0]:
                found.append(value)
    return found


def test_seeded_pii_appears_nowhere(platform, start_worker, source_db_url, scripted_chat):
    rows = seeded_values()
    seed(source_db_url, rows)
    values = needles(rows)
    worker = start_worker()
    r = platform.client.post(
        "/api/v1/connections",
        headers=platform.headers(),
        json={"name": "leak-src", "connection_string": source_db_url},
    )
    connection_id = r.json()["id"]
    discovery = _post_job(platform, "discover-schema", {"connection_id": connection_id})
    version_id = platform.wait_for_job(discovery, timeout_s=120)["result"]["schema_version_id"]
    classify = _post_job(platform, "pii/classify", {"schema_version_id": version_id, "use_llm": True})
    assert platform.wait_for_job(classify, timeout_s=120)["status"] == "succeeded"

    pii = json.loads(_api(platform, f"pii/{version_id}"))
    flagged = {c["column"]: c["pii_type"] for c in pii["columns"] if c["table"] == "vip_contacts"}
    assert flagged == {
        "contact": "email",
        "tax_id": "national_id",
        "mobile": "phone",
        "remarks": "free_text_pii",
    }
    review = platform.client.put(
        f"/api/v1/pii/{version_id}",
        headers=platform.headers("operator"),
        json=[{"table": "vip_contacts", "column": "mobile", "decision": "confirm"}],
    )
    assert review.status_code == 200

    worker.terminate()  # the next job runs in this process, with the scripted chat model
    worker.wait(timeout=30)
    model = scripted_chat(_llm_answer)
    in_process = _post_job(platform, "pii/classify", {"schema_version_id": version_id, "use_llm": True})
    assert run_in_process(in_process, model) == "succeeded"
    with psycopg.connect(source_db_url, autocommit=True) as conn:
        conn.execute("ALTER TABLE vip_contacts RENAME TO vip_contacts_old")
    start_worker()
    failing = _post_job(platform, "pii/classify", {"schema_version_id": version_id})
    failed = platform.wait_for_job(failing, timeout_s=120)
    assert failed["status"] == "failed" and "public.vip_contacts" in failed["error"]

    jobs = [discovery, classify, in_process, failing]
    schema = platform.client.get(f"/api/v1/schema/{pii['schema_id']}", headers=platform.headers()).json()
    # The stored statistics hold seeded values: proof that the scan below can see a leak.
    assert hits(json.dumps(schema), values)
    seen = {
        "job details and logs": "".join(_api(platform, f"job/{j}") for j in jobs) + _api(platform, "jobs"),
        "job events": "".join(
            json.dumps(e) for j in jobs for e in JobEvents(_redis(platform)).read(j, count=10_000)
        ),
        "llm cache": "".join(str(_redis(platform).get(k)) for k in _redis(platform).scan_iter("tdm:llm:*")),
        "api responses": review.text
        + _api(platform, f"pii/{version_id}/suggested-rules")
        + _api(platform, f"pii/{version_id}")
        + json.dumps(_without_stats(schema))
        + _api(platform, "schemas"),
        "worker logs": "".join(p.read_text() for p in platform.log_dir.glob("worker-*.log")),
        "llm prompts": "\n".join(model.prompt_texts()),
    }
    assert seen["llm prompts"], "the scripted model was asked"
    leaks = {where: hits(text, values) for where, text in seen.items() if hits(text, values)}
    assert not leaks, {where: len(found) for where, found in leaks.items()}
    assert not _checkpoint_hits(platform.env["DATABASE_URL"], classify, values)


def _redis(platform):
    return sync_client(platform.env["REDIS_URL"])
