"""The synthetic data generator in Debian's Chromium against a real stack (API, worker, stores).

An operator picks the ecommerce domain pack with small row counts, previews rows, runs the
rules engine and watches the job finish live, then opens the dataset the job links to. The
learned (sdv) engine is then trained on that small dataset, and the real-vs-synthetic
distribution charts of the result appear in the module and on the dataset's page.
"""

from __future__ import annotations

import re

import pytest

from tests.fixtures.browser import PortalStack, sign_in

pytestmark = [pytest.mark.ui, pytest.mark.integration, pytest.mark.slow]

JOB_TIMEOUT_MS = 60_000
ROWS = {"customer": 12, "product": 8}
SDV_ROWS = {"customer": 10, "product": 6}


def _run_from_form_and_open_dataset(page, stack: PortalStack) -> tuple[str, str]:
    """Click Generate, watch the job page until it succeeds, follow its link: (job id, dataset id)."""
    page.get_by_role("button", name="Generate dataset").click()
    page.wait_for_url(re.compile(r"/jobs/[0-9a-f-]{36}$"))
    job_id = page.url.rsplit("/", 1)[1]
    page.get_by_text("● live").or_(
        page.get_by_test_id("job-status").get_by_text("succeeded")
    ).first.wait_for()
    status = page.get_by_test_id("job-status")
    status.get_by_text(re.compile("^(succeeded|failed)$")).wait_for(timeout=JOB_TIMEOUT_MS)
    assert status.inner_text().strip() == "succeeded", (
        page.get_by_role("alert").all_inner_texts(),
        stack.platform.worker_logs(),
    )
    page.get_by_text("generate multi table data").wait_for()  # progress of the generation stage
    log = page.get_by_role("log", name="Job log")
    log.get_by_text(re.compile(r"Validation: 0 FK violations over \d+ rows")).wait_for()
    log.get_by_text(re.compile(r"Synthetic dataset version [0-9a-f-]{36} is ready")).wait_for()
    page.get_by_role("link", name="Open synthetic dataset").click()
    page.wait_for_url(re.compile(r"/datasets/[0-9a-f-]{36}$"))
    return job_id, page.url.rsplit("/", 1)[1]


def _assert_dataset_page(page, job_id: str, rows: dict[str, int]) -> None:
    """The dataset page: a ready synthetic version made by `job_id`, with `rows` in its manifest."""
    facts = page.get_by_role("definition")
    facts.get_by_text("synthetic", exact=True).wait_for()
    facts.get_by_text("ready", exact=True).wait_for()
    page.get_by_role("link", name=job_id[:8]).wait_for()  # linked back to the job that made it
    manifest = page.get_by_role("table").filter(has_text="Size")
    manifest.wait_for()
    for table, count in rows.items():
        row = manifest.get_by_role("row").filter(has=page.get_by_role("cell", name=table, exact=True))
        assert row.get_by_role("cell").nth(1).inner_text() == str(count)


def test_synthetic_ecommerce_preview_rules_run_live_and_sdv_distribution_charts(
    portal_page, portal_stack, screenshot
):
    page = portal_page
    sign_in(page, portal_stack.url, portal_stack.platform.keys["operator"])
    page.get_by_role("link", name="Synthetic data", exact=True).click()
    page.get_by_label("Domain pack").select_option("ecommerce")
    for entity, count in ROWS.items():
        page.get_by_label(entity, exact=True).fill(str(count))
    page.get_by_label("Seed").fill("7")

    page.get_by_role("button", name="Preview rows").click()
    customers = page.get_by_role("table", name="Preview of customer")
    customers.wait_for()
    assert customers.locator("tbody tr").count() == 20  # the preview's rows per table
    headers = customers.get_by_role("columnheader").all_inner_texts()
    assert {"id", "email", "loyalty_tier"} <= set(headers), headers
    email = customers.locator("tbody tr").first.locator("td").nth(headers.index("email")).inner_text()
    assert "@" in email
    page.get_by_label("Table", exact=True).select_option("order_item")
    page.get_by_role("table", name="Preview of order_item").wait_for()
    screenshot(page, "synthetic-preview")

    job_id, rules_dataset = _run_from_form_and_open_dataset(page, portal_stack)
    screenshot(page, "synthetic-rules-dataset")
    _assert_dataset_page(page, job_id, ROWS)
    assert page.get_by_text("Real vs synthetic distributions").count() == 0  # nothing to compare with

    # The learned engine, trained on the dataset just made (ecommerce: one model per table).
    page.get_by_role("link", name="Synthetic data", exact=True).click()
    page.get_by_label("Domain pack").select_option("ecommerce")
    for entity, count in SDV_ROWS.items():
        page.get_by_label(entity, exact=True).fill(str(count))
    page.get_by_label("Engine").select_option("sdv")
    training = page.get_by_label("Training dataset")
    training.locator(f'option[value="{rules_dataset}"]').wait_for(state="attached")
    training.select_option(rules_dataset)
    job_id, sdv_dataset = _run_from_form_and_open_dataset(page, portal_stack)
    _assert_dataset_page(page, job_id, SDV_ROWS)
    page.get_by_text("Real vs synthetic distributions").wait_for()
    assert page.get_by_role("img", name="Distribution of loyalty_tier: real versus synthetic").count() == 1
    page.get_by_role("link", name=rules_dataset[:8]).first.wait_for()  # derived from its training data
    screenshot(page, "synthetic-sdv-dataset-distributions")

    page.get_by_role("link", name="Synthetic data", exact=True).click()
    page.get_by_label("Synthetic dataset").select_option(sdv_dataset)
    charts = page.get_by_role("img", name=re.compile(r"^Distribution of .+: real versus synthetic$"))
    charts.first.wait_for()
    assert charts.count() >= 3
    assert re.search(r"Overall quality\s*\d+%", page.get_by_label("Quality scores").inner_text())
    screenshot(page, "synthetic-quality-charts")
