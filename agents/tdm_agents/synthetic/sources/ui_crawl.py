"""Crawl web UIs with headless Chromium: a three-phase DOM walk per page (forms, tables, key
elements), same-origin links followed breadth-first to a depth limit and a page cap, a timeout
per page, and the URL guard applied to every request and every redirect hop.
"""

from __future__ import annotations

from collections import deque
from importlib import resources
from urllib.parse import urldefrag, urljoin, urlsplit

from playwright.sync_api import BrowserContext, Route
from playwright.sync_api import Error as PlaywrightError

from tdm_agents.common.progress import JobHooks, NullHooks
from tdm_agents.synthetic.errors import CrawlError
from tdm_agents.synthetic.settings import SyntheticSettings, get_settings
from tdm_agents.synthetic.sources.browser import chromium_browser
from tdm_agents.synthetic.sources.crawl_models import CrawlResult, KeyElement, PageCapture, SkippedPage
from tdm_agents.synthetic.sources.html_schema import extract_html_schema
from tdm_agents.synthetic.sources.url_guard import check_url

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_MAX_REDIRECTS = 5
_MAX_KEY_ELEMENTS = 50

__all__ = ["crawl", "extract_html_schema"]


def _walk_script() -> str:
    return resources.files("tdm_agents.synthetic.sources").joinpath("dom_walk.js").read_text(encoding="utf-8")


def _guard_route(settings: SyntheticSettings, refused: dict[str, str]):  # noqa: ANN202 - Playwright callback
    """A route handler that checks each request and each redirect hop before anything is fetched."""

    def handle(route: Route) -> None:
        """Refuse guarded URLs; fetch allowed ones one redirect hop at a time."""
        url = route.request.url
        try:
            check_url(url, settings)
            # Fetch without following redirects so the next hop is checked before it is requested;
            # the browser then follows the fulfilled redirect with a new, again-routed request.
            response = route.fetch(max_redirects=0, timeout=settings.crawl_page_timeout_seconds * 1000)
            location = response.headers.get("location")
            if 300 <= response.status < 400 and location:
                check_url(urljoin(url, location), settings)
            route.fulfill(response=response)
        except CrawlError as exc:
            refused[url] = str(exc)
            route.abort("blockedbyclient")
        except PlaywrightError:
            route.abort("failed")

    return handle


def crawl(
    start_urls: list[str], settings: SyntheticSettings | None = None, hooks: JobHooks | None = None
) -> CrawlResult:
    """Visit the start URLs and their same-origin links; raise CrawlError when a start URL fails."""
    settings = settings or get_settings()
    hooks = hooks or NullHooks()
    if not start_urls:
        raise CrawlError("no URL to crawl")
    for url in start_urls:
        check_url(url, settings)
    result = CrawlResult(start_urls=list(start_urls))
    queue = deque((urldefrag(u).url, 0) for u in start_urls)
    seen = {url for url, _ in queue}
    origins = {_origin(u) for u in start_urls}
    refused: dict[str, str] = {}
    with chromium_browser() as browser:
        context = browser.new_context(java_script_enabled=True, service_workers="block")
        context.route("**/*", _guard_route(settings, refused))
        script = _walk_script()
        while queue and len(result.pages) < settings.crawl_max_pages:
            hooks.check_cancelled()
            url, depth = queue.popleft()
            page = _visit(context, url, depth, settings, script, refused, result, url in start_urls)
            if page is None:
                continue
            result.pages.append(page.capture)
            hooks.progress("crawl_ui", len(result.pages), settings.crawl_max_pages)
            if depth < settings.crawl_max_depth:
                for link in page.links:
                    link = urldefrag(link).url
                    if _origin(link) in origins and link not in seen:
                        seen.add(link)
                        queue.append((link, depth + 1))
        context.close()
    return result


class _Visited:
    def __init__(self, capture: PageCapture, links: list[str]) -> None:
        self.capture, self.links = capture, links


def _visit(
    context: BrowserContext,
    url: str,
    depth: int,
    settings: SyntheticSettings,
    script: str,
    refused: dict[str, str],
    result: CrawlResult,
    is_start: bool,
) -> _Visited | None:
    page = context.new_page()
    try:
        page.set_default_timeout(settings.crawl_page_timeout_seconds * 1000)
        try:
            response = page.goto(url, wait_until="domcontentloaded")
        except PlaywrightError as exc:
            _failed(url, refused.get(url) or _short(exc), result, is_start)
            return None
        reason = _unusable(response, url, refused)
        if reason is not None:
            _failed(url, reason, result, is_start)
            return None
        data = page.evaluate(script)
    finally:
        page.close()
    capture = PageCapture(
        url=url,
        depth=depth,
        title=data["title"],
        forms=data["forms"],
        tables=data["tables"],
        key_elements=[KeyElement(**k) for k in data["keyElements"][:_MAX_KEY_ELEMENTS] if k.get("label")],
    )
    return _Visited(capture, data["links"])


def _failed(url: str, reason: str, result: CrawlResult, is_start: bool) -> None:
    """A start URL that fails ends the crawl; a linked page that fails is skipped with its reason."""
    if is_start:
        raise CrawlError(f"cannot crawl {url}: {reason}")
    result.skipped.append(SkippedPage(url=url, reason=reason))


def _unusable(response: object, url: str, refused: dict[str, str]) -> str | None:
    if response is None:
        return refused.get(url) or "no response"
    status = response.status  # type: ignore[attr-defined]
    if status >= 400:
        return f"HTTP {status}"
    content_type = (response.headers.get("content-type") or "").lower()  # type: ignore[attr-defined]
    if not content_type.startswith(_HTML_TYPES):
        return f"not an HTML page ({content_type.split(';')[0] or 'no content type'})"
    return None


def _short(exc: Exception) -> str:
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return first.removeprefix("Page.goto: ")[:200]


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc.lower()
