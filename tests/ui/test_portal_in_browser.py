"""The portal in Debian's Chromium against the real API, worker, PostgreSQL and Redis.

Screenshots of every module at 1280px and 390px, with data in them, are taken by
test_portal_data_flows_in_browser.py.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.ui, pytest.mark.integration, pytest.mark.slow]


def sign_in(page, base_url: str, key: str) -> None:
    page.goto(base_url + "/")
    page.get_by_label("API key").fill(key)
    page.get_by_role("button", name="Sign in").click()


def test_a_wrong_key_is_refused_with_a_readable_message(portal_page, portal_url, screenshot):
    page = portal_page
    sign_in(page, portal_url, "not-a-real-key")
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "Sign-in failed" in alert.inner_text()
    screenshot(page, "sign-in-refused")


def test_operator_registers_a_source_discovers_it_live_and_explores_it(
    portal_page, portal_url, platform, source_db_url, screenshot
):
    page = portal_page
    sign_in(page, portal_url, platform.keys["admin"])
    page.get_by_role("heading", name="Dashboard").wait_for()
    screenshot(page, "dashboard-empty")

    page.get_by_role("link", name="Connections").click()
    page.get_by_role("button", name="Add connection").click()
    page.get_by_label("Name").fill("shop-source")
    page.get_by_label("Connection string").fill(source_db_url)
    page.get_by_role("button", name="Save connection").click()
    page.get_by_text("shop-source").wait_for()
    password = urlsplit(source_db_url).password
    if password:
        assert password not in page.content()
    page.get_by_role("button", name="Test connection").click()
    page.get_by_text(re.compile("Reachable")).wait_for()
    screenshot(page, "connections")

    page.get_by_role("button", name="Discover schema").click()
    page.wait_for_url(re.compile(r"/jobs/[0-9a-f-]{36}$"))
    page.get_by_test_id("job-status").get_by_text("succeeded").wait_for(timeout=90_000)
    assert page.get_by_role("log", name="Job log").inner_text().strip() != "No log lines yet."
    screenshot(page, "job-discovery-finished")

    page.get_by_role("link", name="Open schema").click()
    page.get_by_role("button", name=re.compile(r"^customers")).click()
    page.get_by_role("cell", name="email", exact=True).wait_for()
    screenshot(page, "schema-explorer-tables")
    page.get_by_role("tab", name="Relationships").click()
    page.get_by_role("button", name="Show all tables").click()
    page.get_by_role("img", name=re.compile("Relationship diagram")).wait_for()
    screenshot(page, "schema-explorer-diagram")


def test_a_viewer_sees_no_run_or_admin_buttons(portal_page, portal_url, platform, screenshot):
    page = portal_page
    sign_in(page, portal_url, platform.keys["viewer"])
    page.get_by_role("heading", name="Dashboard").wait_for()
    assert page.get_by_role("link", name="Connections").count() == 0
    page.goto(portal_url + "/schemas")
    page.get_by_role("heading", name="Schema explorer").wait_for()
    assert page.get_by_role("button", name="Discover a schema").count() == 0
    page.goto(portal_url + "/subset")
    page.get_by_text("Your key has the viewer role").wait_for()
    screenshot(page, "viewer-subset")
