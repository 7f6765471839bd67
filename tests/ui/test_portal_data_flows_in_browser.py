"""The portal's data flows in Debian's Chromium against one real stack for the module.

PII review, subset plan and run, masking with the suggested rules, provisioning into an
environment created here, the dataset catalog and its lineage graph, workflow templates with
per-step status and a PII approval pause; then screenshots of every module at 1280px and 390px,
with the data the earlier tests made. Prerequisites a test does not drive through the browser
(a discovered schema, a subset to mask...) are made through the API by module fixtures, so each
test also runs on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect
from sqlalchemy.engine import make_url

from tests.fixtures.browser import DESKTOP, PHONE, PortalStack, sign_in
from tests.fixtures.postgres import create_database, drop_database

pytestmark = [pytest.mark.ui, pytest.mark.integration, pytest.mark.slow]

JOB_TIMEOUT_MS = 90_000
MODULES = {
    "dashboard": "/",
    "connections": "/connections",
    "environments": "/environments",
    "schemas": "/schemas",
    "pii": "/pii",
    "masking": "/masking",
    "subset": "/subset",
    "synthetic": "/synthetic",
    "provision": "/provision",
    "datasets": "/datasets",
    "jobs": "/jobs",
    "workflows": "/workflows",
}


def _api(stack: PortalStack, method: str, path: str, body: object = None, role: str = "admin") -> dict:
    response = stack.platform.client.request(
        method, f"/api/v1{path}", json=body, headers=stack.platform.headers(role)
    )
    assert response.status_code < 300, (method, path, response.status_code, response.text)
    return response.json()


def _run_job(stack: PortalStack, method: str, path: str, body: object) -> dict:
    job = stack.platform.wait_for_job(_api(stack, method, path, body)["job_id"], timeout_s=90)
    assert job["status"] == "succeeded", (job.get("error"), stack.platform.worker_logs())
    return job


@pytest.fixture(scope="module")
def source_url(pg_server_url: str, source_template_url: str) -> Iterator[str]:
    """The shop source database (see tests/fixtures/source_databases.py), one copy for the module."""
    url = create_database(pg_server_url, prefix="tdm_ui_src", template=make_url(source_template_url).database)
    yield url
    drop_database(pg_server_url, url)


@pytest.fixture(scope="module")
def discovered(portal_stack: PortalStack, source_url: str) -> dict[str, str]:
    """A registered source connection and its discovered schema: connection_id, schema_id, version_id."""
    connection = _api(portal_stack, "POST", "/connections", {"name": "shop", "connection_string": source_url})
    job = _run_job(portal_stack, "POST", "/discover-schema", {"connection_id": connection["id"]})
    schema_id = job["result"]["schema_id"]
    versions = _api(portal_stack, "GET", f"/schema/{schema_id}/versions")
    return {"connection_id": connection["id"], "schema_id": schema_id, "version_id": versions[0]["id"]}


@pytest.fixture(scope="module")
def classified(portal_stack: PortalStack, discovered: dict[str, str]) -> dict[str, str]:
    """The discovered version with a PII map (rules only, no LLM)."""
    _run_job(portal_stack, "POST", "/pii/classify", {"schema_version_id": discovered["version_id"]})
    return discovered


@pytest.fixture(scope="module")
def subset_dataset(portal_stack: PortalStack, classified: dict[str, str]) -> str:
    """A subset of the source (customers and everything they reach), for masking."""
    job = _run_job(
        portal_stack,
        "POST",
        "/subset",
        {
            "schema_version_id": classified["version_id"],
            "connection_id": classified["connection_id"],
            "root_table": "customers",
            "sampling_pct": 40,
        },
    )
    return job["result"]["subset_dataset_version_id"]


@pytest.fixture(scope="module")
def masked_dataset(portal_stack: PortalStack, subset_dataset: str) -> str:
    """The subset masked with the suggested rules."""
    job = _run_job(
        portal_stack, "POST", "/mask", {"dataset_version_id": subset_dataset, "use_suggested_rules": True}
    )
    return job["result"]["masked_dataset_version_id"]


@pytest.fixture(scope="module")
def ci_environment(portal_stack: PortalStack) -> Iterator[str]:
    """An environment named CI on a fresh target database, for workflows."""
    url = create_database(portal_stack.pg_server_url, prefix="tdm_ui_ci")
    # The DB-migration template loads an unmasked subset: the target is marked production.
    config = {"tier": "production"}
    _api(portal_stack, "POST", "/environments", {"name": "CI", "connection_string": url, "config": config})
    yield "CI"
    drop_database(portal_stack.pg_server_url, url)


def _wait_for_job_page(page, status: str = "succeeded") -> None:
    page.wait_for_url(re.compile(r"/jobs/[0-9a-f-]{36}$"))
    page.get_by_test_id("job-status").get_by_text(status).wait_for(timeout=JOB_TIMEOUT_MS)


def _choose_schema(page, name: str = "shop") -> None:
    schema = page.get_by_label("Schema", exact=True)
    schema.select_option(label=name)
    page.get_by_label("Version", exact=True).locator("option").nth(1).wait_for(state="attached")


def test_pii_review_classify_confirm_reject_change_and_badge(
    portal_page, portal_stack, discovered, screenshot
):
    page = portal_page
    sign_in(page, portal_stack.url, portal_stack.platform.keys["operator"])
    page.get_by_role("link", name="PII review").click()
    _choose_schema(page, discovered_name(portal_stack, discovered))
    page.get_by_role("button", name="Classify PII").click()
    _wait_for_job_page(page)

    page.get_by_role("link", name="PII review").click()
    _choose_schema(page, discovered_name(portal_stack, discovered))
    email_row = page.locator('tr[data-column="customers.email"]')
    email_row.wait_for()
    assert "email" in email_row.inner_text()
    screenshot(page, "pii-review-classified")

    page.get_by_label("Decision for customers.email").select_option("confirm")
    page.get_by_label("Decision for customers.c7").select_option("reject")
    page.get_by_label("Decision for customers.first_name").select_option("change")
    page.get_by_role("button", name=re.compile(r"^Save 3 reviews")).click()
    assert page.get_by_role("alert").filter(has_text="choose the PII type").is_visible()
    page.get_by_label("New PII type for customers.first_name").select_option("person_name")
    page.get_by_role("button", name=re.compile(r"^Save 3 reviews")).click()
    email_row.get_by_text("confirmed", exact=True).wait_for()
    page.locator('tr[data-column="customers.c7"]').get_by_text("rejected", exact=True).wait_for()
    page.locator('tr[data-column="customers.first_name"]').get_by_text("changed", exact=True).wait_for()
    screenshot(page, "pii-review-decided")

    page.goto(f"{portal_stack.url}/schemas/{discovered['schema_id']}")
    page.get_by_role("button", name=re.compile(r"^customers")).click()
    page.get_by_role("cell", name="email", exact=True).wait_for()
    expect(page.get_by_text("PII · email ✓")).to_have_count(1)  # confirmed by a reviewer
    expect(page.get_by_text("PII · person name ✓")).to_have_count(1)  # changed by a reviewer
    c7_row = page.get_by_role("row").filter(has=page.get_by_role("cell", name="c7", exact=True))
    assert "PII" not in c7_row.inner_text()  # rejected: no badge
    screenshot(page, "schema-explorer-pii-badges")


def discovered_name(stack: PortalStack, discovered: dict[str, str]) -> str:
    """The name the discovered schema goes by in pickers."""
    schemas = _api(stack, "GET", "/schemas", role="viewer")
    return next(s["name"] for s in schemas if s["id"] == discovered["schema_id"])


def test_subset_plan_shows_rows_bytes_and_warnings_then_runs_live(
    portal_page, portal_stack, discovered, screenshot
):
    page = portal_page
    sign_in(page, portal_stack.url, portal_stack.platform.keys["operator"])
    page.get_by_role("link", name="Subset builder").click()
    _choose_schema(page, discovered_name(portal_stack, discovered))
    page.get_by_label("Target tables").select_option("customers")
    page.get_by_label("Sampling %").fill("30")
    page.get_by_label("Max rows per table").fill("50")
    assert page.get_by_role("button", name="Run subset").is_disabled()  # plan first
    page.get_by_role("button", name="Plan (dry run)").click()

    plan = page.get_by_role("table").filter(has_text="of source")
    plan.wait_for()
    plan_text = plan.inner_text()
    assert "customers" in plan_text and "orders" in plan_text
    assert re.search(r"\d+(\.\d+)? (B|KB|MB)", plan_text), plan_text  # bytes per table
    page.get_by_text(re.compile(r"caps bite on \d+")).wait_for()  # the 50-row cap is a warning
    screenshot(page, "subset-plan")

    page.get_by_role("button", name="Run subset").click()
    page.wait_for_url(re.compile(r"/jobs/[0-9a-f-]{36}$"))
    page.get_by_text("● live").or_(
        page.get_by_test_id("job-status").get_by_text("succeeded")
    ).first.wait_for()
    _wait_for_job_page(page)
    assert page.get_by_role("log", name="Job log").inner_text().strip() != "No log lines yet."
    page.get_by_role("link", name="Open subset").wait_for()
    screenshot(page, "subset-job-finished")


def test_mask_with_suggested_rules_preview_before_after_and_run(
    portal_page, portal_stack, classified, subset_dataset, screenshot
):
    page = portal_page
    sign_in(page, portal_stack.url, portal_stack.platform.keys["operator"])
    page.get_by_role("link", name="Masking rules").click()
    _choose_schema(page, discovered_name(portal_stack, classified))
    page.get_by_role("button", name="Start from suggested rules").click()
    page.get_by_role("status").filter(has_text=re.compile(r"Added \d+ suggested rules?")).wait_for()
    expect(page.locator("fieldset").filter(has_text="customers.email")).to_have_count(1)

    preview = page.get_by_role("table").filter(has=page.locator("span.line-through"))
    page.get_by_label("Table", exact=True).last.select_option("customers")
    preview.wait_for(timeout=30_000)
    before = preview.locator("span.line-through").first.inner_text()
    after = preview.locator("span.line-through + span").first.inner_text()
    assert before and after and before != after  # the cell is masked
    screenshot(page, "masking-suggested-preview")

    page.get_by_label("Dataset version to mask").select_option(index=1)
    page.get_by_label("Rules to apply").select_option("suggested")
    page.get_by_role("button", name="Run masking").click()
    _wait_for_job_page(page)
    page.get_by_role("link", name="Open masked dataset").wait_for()
    screenshot(page, "masking-job-finished")


def test_provision_into_an_environment_created_here_with_results_and_smoke_tests(
    portal_page, portal_stack, masked_dataset, screenshot
):
    page = portal_page
    target_url = create_database(portal_stack.pg_server_url, prefix="tdm_ui_qa")
    try:
        sign_in(page, portal_stack.url, portal_stack.platform.keys["admin"])
        page.get_by_role("link", name="Environments", exact=True).click()
        page.get_by_role("button", name="Add environment").click()
        page.get_by_label("Name", exact=True).fill("QA")
        page.get_by_label("Target connection string").fill(target_url)
        page.get_by_role("button", name="Create environment").click()
        page.get_by_role("heading", name="QA").or_(page.get_by_text("QA", exact=True)).first.wait_for()
        password = make_url(target_url).password
        if password:
            assert password not in page.content()

        page.get_by_role("link", name="Provisioning").click()
        page.get_by_label("Dataset version", exact=True).select_option(masked_dataset)
        page.get_by_label("Environment", exact=True).select_option("QA")
        page.get_by_label("Load mode").select_option("drop_create")
        page.get_by_role("button", name="Provision").click()
        _wait_for_job_page(page)
        screenshot(page, "provision-job-finished")

        page.get_by_role("link", name="Provisioning").click()
        results = page.get_by_role("table").filter(has_text="Rows loaded")
        results.wait_for()
        assert "customers" in results.inner_text()
        page.get_by_text(re.compile(r"^row_count:customers")).wait_for()
        assert page.get_by_text("fail", exact=True).count() == 0
        page.get_by_text("pass", exact=True).nth(2).wait_for()  # row counts, keys, ...
        screenshot(page, "provision-results")
    finally:
        drop_database(portal_stack.pg_server_url, target_url)


def test_catalog_lists_datasets_and_lineage_shows_upstream_and_downstream(
    portal_page, portal_stack, masked_dataset, subset_dataset, screenshot
):
    page = portal_page
    sign_in(page, portal_stack.url, portal_stack.platform.keys["viewer"])
    page.get_by_role("link", name="Dataset catalog").click()
    page.get_by_label("Source type").select_option("masked")
    page.locator(f'a[href="/datasets/{masked_dataset}"]').click()
    graph = page.get_by_role("img", name="Lineage graph")
    graph.wait_for()
    # Upstream: the subset it was masked from and the schema version; downstream of the subset: the masked copy.
    # nth(k).wait_for(): the graph's nodes arrive after the frame, so wait for them before checking.
    graph.locator('[aria-label^="dataset version"]').nth(1).wait_for()
    graph.locator('[aria-label^="schema version"]').first.wait_for()
    assert "derived from" in (graph.text_content() or "")
    page.get_by_role("link", name=subset_dataset[:8]).first.wait_for()  # "Derived from"
    page.get_by_role("button", name="Download files").click()
    page.get_by_role("list", name="Dataset files").get_by_text("customers.parquet").wait_for()
    assert page.get_by_role("button", name="Delete dataset").count() == 0  # viewers cannot delete
    screenshot(page, "dataset-detail-lineage")

    page.locator(f'[aria-label^="dataset version"][aria-label*="{subset_dataset[:8]}"]').first.click()
    page.wait_for_url(re.compile(f"/datasets/{subset_dataset}$"))
    graph.wait_for()
    graph.locator('[aria-label^="dataset version"]').nth(1).wait_for()  # downstream: the masked copy
    screenshot(page, "dataset-subset-lineage")


def test_workflow_template_runs_with_per_step_status_and_a_pii_pause_is_approved(
    portal_page, portal_stack, discovered, ci_environment, screenshot
):
    page = portal_page
    sign_in(page, portal_stack.url, portal_stack.platform.keys["operator"])

    def run_template(title: str, target_schema: str, pause: bool) -> None:
        page.get_by_role("link", name="Workflows").click()
        page.get_by_role("tab", name="Templates").click()
        card = page.get_by_role("listitem").filter(has_text=title)
        card.get_by_role("button", name="Load template").click()
        page.get_by_label("Source connection").select_option(label="shop")
        page.get_by_label("Subset root table").fill("customers")
        page.get_by_label("Subset sampling %").fill("30")
        page.get_by_label("Target environment").select_option(ci_environment)
        page.get_by_label("Target schema (optional)").fill(target_schema)
        if pause:
            page.get_by_label("Pause for PII approval").check()
        page.get_by_role("button", name="Execute workflow").click()

    run_template("DB migration", "wf_migration", pause=False)
    _wait_for_job_page(page)
    steps = page.get_by_role("list", name="Workflow steps")
    for step in ("discover_schema", "subsetting", "provisioning"):
        steps.locator(f'[data-step="{step}"]').get_by_text("succeeded").wait_for()
    screenshot(page, "workflow-db-migration-steps")

    run_template("Secure masking", "wf_secure", pause=True)
    _wait_for_job_page(page, "awaiting approval")
    steps.locator('[data-step="pii_classification"]').get_by_text("succeeded").wait_for()
    screenshot(page, "workflow-awaiting-approval")
    page.get_by_label("Reason (optional)").fill("PII map checked")
    page.get_by_role("button", name="Approve and continue").click()
    page.get_by_test_id("job-status").get_by_text("succeeded").wait_for(timeout=JOB_TIMEOUT_MS)
    for step in ("masking", "provisioning"):
        steps.locator(f'[data-step="{step}"]').get_by_text("succeeded").wait_for()
    screenshot(page, "workflow-approved-finished")

    page.get_by_role("link", name="Workflows").click()
    history = page.get_by_role("button", name=re.compile("^Full pipeline"))
    history.nth(1).wait_for()  # at least two runs; the history list loads after navigation


def test_every_module_renders_at_desktop_and_phone_width(portal_page, portal_stack, screenshot):
    page = portal_page
    sign_in(page, portal_stack.url, portal_stack.platform.keys["admin"])
    page.get_by_role("heading", name="Dashboard").wait_for()
    for name, path in MODULES.items():
        for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(viewport)
            page.goto(portal_stack.url + path)
            page.locator("main h1").first.wait_for()
            page.wait_for_load_state("networkidle")
            screenshot(page, f"{name}-{label}")
            # No control may stick out of the page at phone width.
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{name} is {overflow}px wider than the {label} viewport"
