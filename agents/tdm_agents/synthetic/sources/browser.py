"""Launching Debian's Chromium through Playwright (sync API), shared by the crawler and UI tests."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from playwright.sync_api import Browser, sync_playwright

CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def chromium_available(path: str = CHROMIUM_PATH) -> bool:
    """True when the system Chromium exists and is executable."""
    return os.access(path, os.X_OK)


@contextmanager
def chromium_browser(path: str = CHROMIUM_PATH, extra_args: Sequence[str] = ()) -> Iterator[Browser]:
    """A headless Chromium for the duration of the block; closed (with its driver) afterwards."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path, args=[*CHROMIUM_ARGS, *extra_args], headless=True
        )
        try:
            yield browser
        finally:
            browser.close()
