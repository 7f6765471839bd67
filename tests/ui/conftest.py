"""Browser tests keep a screenshot of the page they failed on (test-output/screenshots/FAILED-*.png)."""

from __future__ import annotations

import pytest

from tests.fixtures.browser import SCREENSHOTS


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    page = getattr(item, "funcargs", {}).get("portal_page")
    if report.when == "call" and report.failed and page is not None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"FAILED-{item.name}.png"), full_page=True)
    return report
