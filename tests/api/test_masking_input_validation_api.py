"""Bad masking input is refused at the door: rule sets, previews, mask jobs and workflows answer
422 problem+json naming the rule, the field and the allowed values; nothing is stored or queued.
Also the 500 a non-scalar constant caused, adversarial regexes, and integers wider than bigint.
"""

from __future__ import annotations

import time
import uuid

import pytest

from tests.api.masking_dataset_support import save_schema_version, store_dir, write_dataset_version
from tests.fixtures.postgres import clone_database, drop_database

RULE_SETS, PREVIEW, MASK = "/api/v1/rules/masking", "/api/v1/mask/preview", "/api/v1/mask"

# (rule for customers.email, error field, words in its message) — the hostile-input probe's cases.
BAD_RULES = [
    ("mask.nonexistent", "customers.email", "unknown rule type 'mask.nonexistent'; allowed: "),
    ({"type": "os.system", "options": {"cmd": "id"}}, "customers.email", "unknown rule type 'os.system'"),
    ({"type": "mask.generalize", "options": {"mode": "prefix", "prefix_length": "abc"}},
     "customers.email.options.prefix_length", "valid integer"),
    ({"type": "mask.generalize", "options": {"mode": "prefix", "prefix_length": -5}},
     "customers.email.options.prefix_length", "greater than or equal to 0"),
    ({"type": "mask.generalize", "options": {"mode": "prefix", "prefix_length": 10**16}},
     "customers.email.options.prefix_length", "less than or equal to 64"),
    ({"type": "mask.fpe_digits", "options": {"tweak_label": ["x"]}}, "customers.email.options.tweak_label",
     "valid string"),
    ({"type": "mask.email_deterministic", "options": {"domain_policy": 5}},
     "customers.email.options.domain_policy", "'keep', 'fixed' or 'hashed'"),
    ({"type": "mask.hash", "options": {"bogus_option": 1}}, "customers.email.options",
     "unknown option(s) bogus_option; allowed options: length, max_value, min_value, output"),
    ({"type": "mask.constant", "options": {"value": {"nested": [1, 2]}}}, "customers.email.options.value",
     "must be a string"),
    ({"type": "mask.regex_replace", "options": {"pattern": "(?<=a)b"}}, "customers.email.options.pattern",
     "not a valid RE2 expression"),
]  # fmt: skip
IDS = [str(i) for i in range(len(BAD_RULES))]


@pytest.fixture(scope="module")
def platform(module_platform):
    """One platform for the module: every test here checks that a refused request stored nothing
    and queued nothing by comparing with the state before it."""
    return module_platform


@pytest.fixture(scope="module")
def shop(platform, pg_server_url, source_template_url):
    """(schema version id, ready dataset version id) of the shop source (read, never changed)."""
    source_db_url = clone_database(pg_server_url, source_template_url, prefix="tdm_src")
    try:
        _, version_id = save_schema_version(platform.env["DATABASE_URL"], source_db_url)
        dataset = write_dataset_version(
            platform.env["DATABASE_URL"], store_dir(platform.env), source_db_url, version_id
        )
        yield version_id, dataset
    finally:
        drop_database(pg_server_url, source_db_url)


def _refused(response, field: str, words: str) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert any(e["field"] == field and words in e["message"] for e in problem["errors"]), problem


def _count(platform, path: str) -> int:
    body = platform.client.get(path, headers=platform.headers("viewer")).json()
    return body["total"] if isinstance(body, dict) else len(body)


@pytest.mark.parametrize(("rule", "field", "words"), BAD_RULES, ids=IDS)
def test_rule_sets_with_bad_rules_are_422_and_not_stored(platform, rule, field, words):
    before = _count(platform, RULE_SETS)
    r = platform.client.post(RULE_SETS, headers=platform.headers("operator"),
                             json={"name": "probe", "rules": {"customers.email": rule}})  # fmt: skip
    _refused(r, field, words)
    assert _count(platform, RULE_SETS) == before


def test_rule_set_list_form_names_each_bad_rule(platform):
    r = platform.client.post(RULE_SETS, headers=platform.headers("operator"), json={"name": "probe", "rules": [
        {"table": "customers", "column": "email", "type": "mask.hash", "options": {"length": 10**20}},
        {"table": "customers", "column": "phone", "type": "mask.partial", "options": {"keep_last": 2}},
        {"table": "customers", "column": "name", "type": "mask.fake_name", "options": {"locale": "xx_XX"}},
    ]})  # fmt: skip
    fields = {e["field"] for e in r.json()["errors"]}
    assert r.status_code == 422 and fields == {
        "customers.email.options.length",
        "customers.name.options.locale",
    }


@pytest.mark.parametrize(("rule", "field", "words"), BAD_RULES, ids=IDS)
def test_previews_refuse_the_same_rules(platform, shop, rule, field, words):
    schema_version_id, _ = shop
    r = platform.client.post(PREVIEW, headers=platform.headers("operator"), json={
        "schema_version_id": schema_version_id, "table": "customers",
        "rows": [{"id": 1, "email": "ada@example.org"}], "rules": {"customers.email": rule}})  # fmt: skip
    _refused(r, field, words)


@pytest.mark.parametrize(("rule", "field", "words"), BAD_RULES, ids=IDS)
def test_mask_jobs_and_workflows_refuse_the_same_rules_before_queueing(platform, shop, rule, field, words):
    _, dataset = shop
    op = platform.headers("operator")
    before = _count(platform, "/api/v1/jobs")
    r = platform.client.post(
        MASK, headers=op, json={"dataset_version_id": dataset, "rules": {"customers.email": rule}}
    )
    _refused(r, field, words)
    r = platform.client.post("/api/v1/workflow/execute", headers=op, json={
        "template": "secure_masking", "overrides": {"schema_version_id": shop[0], "target_env": "QA",
        "subset": {"root_table": "customers"}, "masking": {"rules": {"customers.email": rule}}}})  # fmt: skip
    _refused(r, field, words)
    assert _count(platform, "/api/v1/jobs") == before


def test_constant_rules_that_cannot_run_are_422_not_500(platform, shop):
    """Regression: a nested constant answered 500 in the preview; so would one of the wrong type."""
    schema_version_id, _ = shop
    op = platform.headers("operator")
    body = {
        "schema_version_id": schema_version_id,
        "table": "customers",
        "rows": [{"id": 1, "email": "a@b.c"}],
    }
    nested = platform.client.post(PREVIEW, headers=op, json={**body, "rules": {
        "customers.email": {"type": "mask.constant", "options": {"value": {"nested": [1, 2]}}}}})  # fmt: skip
    _refused(nested, "customers.email.options.value", "must be a string")
    wrong_type = platform.client.post(PREVIEW, headers=op, json={**body, "rules": {
        "customers.id": {"type": "mask.constant", "options": {"value": "abc"}}}})  # fmt: skip
    _refused(wrong_type, "customers.id", "does not fit a integer column")
    fits = platform.client.post(PREVIEW, headers=op, json={**body, "rules": {
        "customers.email": {"type": "mask.constant", "options": {"value": "n/a"}}}})  # fmt: skip
    assert fits.status_code == 200, fits.text
    assert fits.json()["after"][0]["email"] == "n/a"


def test_backtracking_regex_does_not_pin_a_core(platform, shop):
    """`(a+)+$` is exponential for a backtracking engine; RE2 masks 20 long adversarial rows at once."""
    schema_version_id, _ = shop
    rows = [{"id": i, "email": "a" * 50_000 + "!"} for i in range(20)]
    rule = {
        "customers.email": {
            "type": "mask.regex_replace",
            "options": {"pattern": "(a+)+$", "replacement": "#"},
        }
    }
    started = time.perf_counter()
    r = platform.client.post(PREVIEW, headers=platform.headers("operator"), json={
        "schema_version_id": schema_version_id, "table": "customers", "rows": rows, "rules": rule})  # fmt: skip
    elapsed = time.perf_counter() - started
    assert r.status_code == 200, r.text
    assert elapsed < 5, f"preview took {elapsed:.1f}s"
    saved = platform.client.post(
        RULE_SETS, headers=platform.headers("operator"), json={"name": "re", "rules": rule}
    )
    assert saved.status_code == 201, saved.text


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/v1/subset", {"seed": 2**70}, "seed"),
        ("/api/v1/subset", {"seed": -1}, "seed"),
        ("/api/v1/subset", {"max_rows_per_table": 10**20}, "max_rows_per_table"),
        ("/api/v1/subset", {"max_rows_per_table": {"orders": 2**63}}, "max_rows_per_table"),
        ("/api/v1/subset", {"sampling_pct": 1e300}, "sampling_pct"),
        ("/api/v1/synthetic", {"seed": 2**63}, "seed"),
        ("/api/v1/synthetic", {"row_counts": {"customer": 10**20}}, "row_counts.customer"),
        ("/api/v1/mask", {"rule_set_version": 2**40}, "rule_set_version"),
    ],
)  # fmt: skip
def test_integers_wider_than_the_database_holds_are_422(platform, path, body, field):
    base = {
        "/api/v1/subset": {"schema_version_id": str(uuid.uuid4()), "root_table": "customers"},
        "/api/v1/synthetic": {"domain_pack": "retail"},
        "/api/v1/mask": {"dataset_version_id": str(uuid.uuid4()), "rule_set_id": str(uuid.uuid4())},
    }[path]
    r = platform.client.post(path, headers=platform.headers("operator"), json={**base, **body})
    assert r.status_code == 422, r.text
    assert any(e["field"].startswith(field) for e in r.json()["errors"]), r.json()


def test_workflow_overrides_hold_no_integer_wider_than_bigint(platform):
    r = platform.client.post("/api/v1/workflow/execute", headers=platform.headers("operator"), json={
        "template": "secure_masking", "overrides": {"schema_version_id": str(uuid.uuid4()), "target_env": "QA",
        "subset": {"root_table": "customers", "seed": 2**70, "max_rows_per_table": {"orders": 5}}}})  # fmt: skip
    assert r.status_code == 422, r.text
    assert r.json()["field"] == "overrides.subset.seed"


def test_integer_query_parameters_are_bounded(platform):
    viewer = platform.headers("viewer")
    r = platform.client.get(f"/api/v1/schema/{uuid.uuid4()}", headers=viewer, params={"version": 2**40})
    assert r.status_code == 422, r.text
    r = platform.client.get(f"/api/v1/job/{uuid.uuid4()}", headers=viewer, params={"logs_after": 2**64})
    assert r.status_code == 422, r.text


def test_a_stored_rule_set_that_cannot_run_is_refused_at_job_submission(platform, shop):
    """Rule sets stored before these checks existed are refused when used, before a job exists."""
    from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
    from tdm_metadata_store.repositories.masking_rules import MaskingRuleRepository

    _, dataset = shop
    legacy = {
        "rules": [{"table": "customers", "column": "email", "type": "mask.hash", "options": {"bogus": 1}}]
    }
    engine = make_engine(platform.env["DATABASE_URL"], pool_size=1)
    with unit_of_work(make_session_factory(engine)) as session:
        rule_set_id = str(MaskingRuleRepository(session).create_version("legacy", legacy).id)
    engine.dispose()
    before = _count(platform, "/api/v1/jobs")
    r = platform.client.post(MASK, headers=platform.headers("operator"),
                             json={"dataset_version_id": dataset, "rule_set_id": rule_set_id})  # fmt: skip
    _refused(r, "customers.email.options", "unknown option(s) bogus")
    assert _count(platform, "/api/v1/jobs") == before
