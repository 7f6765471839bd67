"""Crawl web UIs with headless Chromium: a three-phase DOM walk per page (forms, tables, key
elements), same-origin links followed breadth-first to a depth limit and a page cap, a timeout
per page, and the URL guard applied to every request and every redirect hop.

The browser never fetches anything itself: a route handler checks every request and fetches it
with the guarded HTTP client, which connects only to the addresses it checked (so a name that
resolves differently on a second lookup cannot reach an internal address), then hands the answer
to the browser. Redirects are answered to the browser as they are, after their target is checked,
and the browser's follow-up request is routed the same way. As a second line, Chromium is started
with a host resolver that resolves no name at all, and WebSockets are refused.
"""

from __future__ import annotations

import contextlib
import time
from collections import deque
from importlib import resources
from urllib.parse import urldefrag, urljoin, urlsplit

import httpx
from playwright.sync_api import BrowserContext, Request, Route, WebSocketRoute
from playwright.sync_api import Error as PlaywrightError

from tdm_agents.common.progress import JobHooks, NullHooks
from tdm_agents.common.url_guard import UrlRefused
from tdm_agents.synthetic.errors import CrawlError
from tdm_agents.synthetic.settings import SyntheticSettings, get_settings
from tdm_agents.synthetic.sources.browser import chromium_browser
from tdm_agents.synthetic.sources.crawl_models import CrawlResult, KeyElement, PageCapture, SkippedPage
from tdm_agents.synthetic.sources.html_schema import extract_html_schema
from tdm_agents.synthetic.sources.url_guard import check_url, crawl_client

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_MAX_REDIRECTS = 5
_MAX_KEY_ELEMENTS = 50
# The DOM walk needs neither pictures, media nor fonts: such requests are not fetched at all.
_SKIPPED_RESOURCES = frozenset({"image", "media", "font"})
_MAX_RESOURCE_BYTES = 20_000_000
# Chromium resolves no host name itself: every request is answered by the route handler.
_BROWSER_ARGS = ("--host-resolver-rules=MAP * ~NOTFOUND",)
# Request headers the HTTP client sets itself, and response headers that no longer describe the
# (decoded, complete) body handed to the browser.
_REQUEST_HEADERS_DROPPED = frozenset(
    {"host", "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te",
     "trailer", "content-length", "accept-encoding"}
)  # fmt: skip
_RESPONSE_HEADERS_DROPPED = frozenset(
    {"content-encoding", "content-length", "transfer-encoding", "connection", "keep-alive"}
)

__all__ = ["crawl", "extract_html_schema"]


class _Unfit(Exception):
    """A response body over `_MAX_RESOURCE_BYTES`, or one that took longer than a page may."""


def _walk_script() -> str:
    return resources.files("tdm_agents.synthetic.sources").joinpath("dom_walk.js").read_text(encoding="utf-8")


def _guard_route(settings: SyntheticSettings, client: httpx.Client, refused: dict[str, str]):  # noqa: ANN202
    """A route handler that checks each request and each redirect hop before anything is fetched,
    and fetches allowed ones itself through the guarded client."""

    def handle(route: Route) -> None:
        """Refuse guarded URLs; fetch allowed ones one redirect hop at a time."""
        request = route.request
        url = request.url
        if request.resource_type in _SKIPPED_RESOURCES:
            _abort(route, "blockedbyclient")
            return
        try:
            check_url(url, settings)
            # Fetch without following redirects so the next hop is checked before it is requested;
            # the browser then follows the fulfilled redirect with a new, again-routed request.
            status, headers, body = _fetch(client, request, settings.crawl_page_timeout_seconds)
            location = headers.get("location")
            if 300 <= status < 400 and location:
                check_url(urljoin(url, location), settings)
            route.fulfill(status=status, headers=headers, body=body)
        except (CrawlError, UrlRefused) as exc:
            refused[url] = str(exc)
            _abort(route, "blockedbyclient")
        except (httpx.HTTPError, _Unfit, PlaywrightError):
            _abort(route, "failed")

    return handle


def _fetch(client: httpx.Client, request: Request, limit_s: float) -> tuple[int, dict[str, str], bytes]:
    """The browser's request sent by the guarded client: status, headers for the browser, body."""
    deadline = time.monotonic() + limit_s
    headers = {
        name: value
        for name, value in request.all_headers().items()
        if not name.startswith(":") and name.lower() not in _REQUEST_HEADERS_DROPPED
    }
    with client.stream(request.method, request.url, headers=headers, content=request.post_data_buffer) as r:
        body = bytearray()
        for chunk in r.iter_bytes():
            body += chunk
            if len(body) > _MAX_RESOURCE_BYTES or time.monotonic() > deadline:
                raise _Unfit
        merged: dict[str, list[str]] = {}
        for name, value in r.headers.multi_items():
            if name.lower() not in _RESPONSE_HEADERS_DROPPED:
                merged.setdefault(name.lower(), []).append(value)
        # Playwright takes several Set-Cookie values separated by newlines.
        out = {name: ("\n" if name == "set-cookie" else ", ").join(values) for name, values in merged.items()}
        return r.status_code, out, bytes(body)


def _abort(route: Route, reason: str) -> None:
    with contextlib.suppress(PlaywrightError):  # the page went away meanwhile
        route.abort(reason)


def _refuse_websocket(ws: WebSocketRoute) -> None:
    """WebSockets are not needed to read forms and would bypass the route handler: never connected."""
    with contextlib.suppress(PlaywrightError):
        ws.close(code=1008, reason="WebSockets are not crawled")


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
    timeout = settings.crawl_page_timeout_seconds
    with (
        crawl_client(settings, timeout=timeout, follow_redirects=False) as client,
        chromium_browser(extra_args=_BROWSER_ARGS) as browser,
    ):
        context = browser.new_context(java_script_enabled=True, service_workers="block")
        context.route("**/*", _guard_route(settings, client, refused))
        if hasattr(context, "route_web_socket"):  # Playwright >= 1.48
            context.route_web_socket("**/*", _refuse_websocket)
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
