"""PII classification through the whole job path: API → queue → worker → graph → metadata store.

Also: reviews that outlive schema versions (until a column changes type), the LLM path run
in-process with the scripted chat model, suggested rules the masking agent accepts, and a source
that went away since discovery.
"""

from __future__ import annotations

import json
import uuid

import psycopg
import pytest

from tdm_agents.masking import validate_rules
from tdm_metadata_store.snapshot import SchemaSnapshot

pytestmark = pytest.mark.integration

EXPECTED = {
    ("customers", "email"): "email",
    ("customers", "c7"): "email",
    ("customers", "phone"): "phone",
    ("customers", "first_name"): "person_name",
    ("customers", "last_name"): "person_name",
    ("sales.staff", "email"): "email",
    ("sales.staff", "phone"): "phone",
    ("sales.staff", "first_name"): "person_name",
}
LOOK_ALIKES = {
    ("products", "sku"),
    ("products", "name"),
    ("shipments", "tracking_code"),
    ("audit_log", "event_id"),
    ("orders", "total"),
    ("employee", "manager_id"),
}


def register_and_discover(platform, source_db_url: str) -> tuple[str, str]:
    """Register the source, run discovery (a worker must be running); returns (connection id, version id)."""
    r = platform.client.post(
        "/api/v1/connections",
        headers=platform.headers(),
        json={"name": f"src-{uuid.uuid4().hex[:6]}", "connection_string": source_db_url},
    )
    assert r.status_code == 201, r.text
    return r.json()["id"], discover(platform, r.json()["id"])


def discover(platform, connection_id: str) -> str:
    """Run a discovery job of public and sales; returns the new schema version's id."""
    r = platform.client.post(
        "/api/v1/discover-schema",
        headers=platform.headers("operator"),
        json={"connection_id": connection_id, "schemas": ["public", "sales"], "include_stats": False},
    )
    assert r.status_code == 202, r.text
    job = platform.wait_for_job(r.json()["job_id"], timeout_s=120)
    assert job["status"] == "succeeded", (job.get("error"), platform.worker_logs())
    return job["result"]["schema_version_id"]


def classify(platform, version_id: str, **options) -> dict:
    """Run a PII job for the version; returns the finished job."""
    r = platform.client.post(
        "/api/v1/pii/classify",
        headers=platform.headers("operator"),
        json={"schema_version_id": version_id, **options},
    )
    assert r.status_code == 202, r.text
    return platform.wait_for_job(r.json()["job_id"], timeout_s=120)


def pii_map(platform, version_id: str) -> dict[tuple[str, str], dict]:
    r = platform.client.get(f"/api/v1/pii/{version_id}", headers=platform.headers("viewer"))
    assert r.status_code == 200, r.text
    return {(c["table"], c["column"]): c for c in r.json()["columns"]}


def test_classification_finds_pii_and_suggests_valid_rules(platform, start_worker, source_db_url):
    start_worker()
    _, version_id = register_and_discover(platform, source_db_url)
    job = classify(platform, version_id, use_llm=True, sample_size_per_column=50)
    assert job["status"] == "succeeded", job.get("error")
    assert any(
        line["message"].startswith("LLM classification skipped: no LLM configured") for line in job["logs"]
    )
    summary = job["result"]["step_results"]["pii_classification"]
    assert summary["columns_flagged"] >= len(EXPECTED) and summary["by_type"]["email"] >= 3

    columns = pii_map(platform, version_id)
    found = {key: columns[key]["pii_type"] for key in EXPECTED if key in columns}
    assert found == EXPECTED
    flagged = {k: (c["pii_type"], c["explanation"]) for k, c in columns.items() if c["pii_type"]}
    assert not LOOK_ALIKES & set(flagged), {k: flagged[k] for k in LOOK_ALIKES & set(flagged)}
    c7 = columns[("customers", "c7")]
    assert c7["technique"] in ("regex", "checksum") and "matched" in c7["explanation"]
    assert c7["review_state"] == "unreviewed" and 0.5 <= c7["confidence"] <= 1

    r = platform.client.get(f"/api/v1/pii/{version_id}/suggested-rules", headers=platform.headers("viewer"))
    assert r.status_code == 200, r.text
    rules = r.json()["rules"]
    assert rules["customers.c7"]["type"] == "mask.email_deterministic"
    assert set(r.json()["adjusted"]) <= {"customers.last_ip"}  # inet: only a type-fitting rule is offered
    resolved = validate_rules(rules, SchemaSnapshot.model_validate(_snapshot(platform, version_id)))
    assert {(r.table, r.column) for r in resolved} >= {("customers", "c7"), ("sales.staff", "email")}


def _snapshot(platform, version_id: str) -> dict:
    from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
    from tdm_metadata_store.repositories.schemas import SchemaRepository

    engine = make_engine(platform.env["DATABASE_URL"])
    with unit_of_work(make_session_factory(engine)) as session:
        snapshot = SchemaRepository(session).load_snapshot(uuid.UUID(version_id)).model_dump(mode="json")
    engine.dispose()
    return snapshot


def test_bad_requests_fail_before_any_job(platform):
    headers = platform.headers("operator")
    r = platform.client.post(
        "/api/v1/pii/classify", headers=headers, json={"schema_version_id": str(uuid.uuid4())}
    )
    assert r.status_code == 404 and r.json()["field"] == "schema_version_id"
    r = platform.client.post(
        "/api/v1/pii/classify",
        headers=headers,
        json={"schema_version_id": str(uuid.uuid4()), "sample_size_per_column": 0},
    )
    assert r.status_code == 422
    assert platform.client.get(f"/api/v1/pii/{uuid.uuid4()}", headers=headers).status_code == 404
    assert platform.client.get("/api/v1/pii/not-a-uuid", headers=headers).status_code == 422
    jobs = platform.client.get("/api/v1/jobs", headers=headers).json()
    assert not (jobs["items"] if isinstance(jobs, dict) else jobs)


def _review(platform, version_id: str, reviews: list[dict], role: str = "operator"):
    return platform.client.put(f"/api/v1/pii/{version_id}", headers=platform.headers(role), json=reviews)


def test_reviews_last_across_versions_until_the_type_changes(platform, start_worker, source_db_url):
    start_worker()
    connection_id, v1 = register_and_discover(platform, source_db_url)
    assert classify(platform, v1)["status"] == "succeeded"
    before = pii_map(platform, v1)

    assert (
        _review(platform, v1, [{"table": "customers", "column": "nope", "decision": "reject"}]).status_code
        == 422
    )
    assert (
        _review(
            platform, v1, [{"table": "customers", "column": "c7", "decision": "reject"}], role="viewer"
        ).status_code
        == 403
    )
    r = _review(
        platform,
        v1,
        [
            {"table": "customers", "column": "email", "decision": "confirm", "note": "primary contact"},
            {
                "table": "customers",
                "column": "c7",
                "decision": "reject",
                "note": "legacy, always blank in prod",
            },
            {"table": "customers", "column": "phone", "decision": "change", "pii_type": "free_text_pii"},
        ],
    )
    assert r.status_code == 200, r.text
    now = {(c["table"], c["column"]): c for c in r.json()["columns"]}
    assert now[("customers", "email")]["review_state"] == "confirmed"
    assert (
        now[("customers", "email")]["technique"] == "review"
        and now[("customers", "email")]["confidence"] == 1
    )
    assert now[("customers", "email")]["detected"]["technique"] == before[("customers", "email")]["technique"]
    assert (
        now[("customers", "c7")]["pii_type"] is None
        and now[("customers", "c7")]["review_state"] == "rejected"
    )
    assert now[("customers", "phone")]["pii_type"] == "free_text_pii"
    assert now[("customers", "phone")]["detected"]["pii_type"] == "phone"
    assert pii_map(platform, v1) == now
    rules = platform.client.get(f"/api/v1/pii/{v1}/suggested-rules", headers=platform.headers()).json()[
        "rules"
    ]
    assert "customers.c7" not in rules and rules["customers.phone"]["type"] == "mask.redact"

    v2 = discover(platform, connection_id)
    assert v2 != v1
    job = classify(platform, v2)
    assert job["result"]["step_results"]["pii_classification"]["reviews_applied"] == 3
    second = pii_map(platform, v2)
    assert second[("customers", "c7")]["pii_type"] is None
    assert second[("customers", "phone")]["pii_type"] == "free_text_pii"
    assert second[("customers", "email")]["technique"] == "review"

    with psycopg.connect(source_db_url, autocommit=True) as conn:
        conn.execute("ALTER TABLE customers ALTER COLUMN phone TYPE varchar(64)")
    v3 = discover(platform, connection_id)
    job = classify(platform, v3)
    assert job["result"]["step_results"]["pii_classification"]["reviews_dropped"] == 1
    third = pii_map(platform, v3)
    assert third[("customers", "phone")]["pii_type"] == "phone"
    assert third[("customers", "phone")]["review_state"] == "stale"
    assert third[("customers", "c7")]["review_state"] == "rejected"


def test_a_source_that_went_away_fails_the_job_clearly(platform, start_worker, source_db_url):
    start_worker()
    _, version_id = register_and_discover(platform, source_db_url)
    with psycopg.connect(source_db_url, autocommit=True) as conn:
        conn.execute("DROP TABLE shipments")
    job = classify(platform, version_id)
    assert job["status"] == "failed"
    assert "public.shipments" in job["error"] and "discovery" in job["error"]
    assert "postgresql://" not in json.dumps(job)


def run_in_process(job_id: str, llm=None) -> str | None:
    """Run a queued job in this process (no worker), with `llm` injected as the chat model."""
    from langgraph.checkpoint.memory import InMemorySaver

    from tdm_cache.settings import get_settings as cache_settings
    from tdm_dataset_store import get_settings as dataset_settings
    from tdm_metadata_store.settings import get_settings as meta_settings
    from tdm_orchestrator.graphs.master import build_master_graph
    from tdm_orchestrator.runner import run_job
    from tdm_orchestrator.services import Services

    services = Services.from_settings(meta_settings(), cache_settings(), dataset_settings(), pool_size=2)
    if llm is not None:
        services.extras["llm"] = llm
    try:
        return run_job(
            job_id, services, build_master_graph().compile(checkpointer=InMemorySaver()), "in-process"
        )
    finally:
        services.close()


def _submit(platform, path: str, body: dict) -> str:
    r = platform.client.post(f"/api/v1/{path}", headers=platform.headers("operator"), json=body)
    assert r.status_code == 202, r.text
    return r.json()["job_id"]


def _llm_answer(messages) -> dict:
    """Call actors' logins usernames; everything else holds no personal data."""
    request = json.loads(messages[-1].content)
    return {
        "columns": [
            {
                "column": c["name"],
                "label": "username" if c["name"] == "actor" else "none",
                "confidence": 0.9 if c["name"] == "actor" else 0.6,
                "reason": "from the name and shapes",
            }
            for c in request["columns"]
        ]
    }


def test_llm_path_with_the_scripted_model(platform, source_db_url, scripted_chat):
    from tdm_cache.client import sync_client

    r = platform.client.post(
        "/api/v1/connections",
        headers=platform.headers(),
        json={"name": "llm-src", "connection_string": source_db_url},
    )
    discovery = _submit(
        platform, "discover-schema", {"connection_id": r.json()["id"], "include_stats": False}
    )
    assert run_in_process(discovery) == "succeeded"
    version_id = platform.wait_for_job(discovery)["result"]["schema_version_id"]
    model = scripted_chat(_llm_answer)
    job_id = _submit(platform, "pii/classify", {"schema_version_id": version_id, "use_llm": True})
    assert run_in_process(job_id, model) == "succeeded", platform.wait_for_job(job_id).get("error")

    columns = pii_map(platform, version_id)
    assert columns[("audit_log", "actor")]["pii_type"] == "username"
    assert columns[("audit_log", "actor")]["technique"] == "llm"
    assert columns[("customers", "c7")]["pii_type"] == "email"
    prompts = "\n".join(model.prompt_texts())
    assert "value_shapes" in prompts and "actor" in prompts
    with psycopg.connect(source_db_url) as conn:
        values = [v for row in conn.execute("SELECT email, c7, phone FROM customers LIMIT 50") for v in row]
    assert not [v for v in values if v and v in prompts]
    redis = sync_client(platform.env["REDIS_URL"])
    assert list(redis.scan_iter("tdm:llm:pii:*"))

    asked = len(model.prompts)
    again = _submit(platform, "pii/classify", {"schema_version_id": version_id, "use_llm": True})
    assert run_in_process(again, model) == "succeeded"
    assert len(model.prompts) == asked, "answers come from the Redis cache"
    log = platform.wait_for_job(again)["logs"]
    assert any("LLM classification ok" in line["message"] for line in log)
