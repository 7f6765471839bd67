"""Getting an OpenAPI / Swagger document: inline in the request, or fetched from its URL with the
URL guard checked on every redirect hop, a size cap and timeouts. The client connects only to the
addresses the guard checked, so a name that resolves differently on a second lookup (DNS
rebinding) cannot reach an internal address."""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import urljoin

import httpx

from tdm_agents.common.url_guard import UrlRefused
from tdm_agents.synthetic.errors import CrawlError, SpecFetchError
from tdm_agents.synthetic.settings import SyntheticSettings
from tdm_agents.synthetic.sources.url_guard import check_url, crawl_client, shown_url

# Per-operation timeout, overall deadline, and redirect hops (each one guarded).
SPEC_TIMEOUT_S = 15.0
SPEC_DEADLINE_S = 60.0
SPEC_MAX_REDIRECTS = 5


def fetch_spec(url: str, settings: SyntheticSettings) -> bytes:
    """GET an OpenAPI document: CrawlError for a refused hop, SpecFetchError for any other failure."""
    deadline = time.monotonic() + SPEC_DEADLINE_S
    shown = shown_url(url)
    try:
        with crawl_client(settings, timeout=SPEC_TIMEOUT_S, follow_redirects=False) as client:
            for _ in range(SPEC_MAX_REDIRECTS + 1):
                check_url(url, settings)
                with client.stream(
                    "GET", url, headers={"Accept": "application/json, application/yaml, */*"}
                ) as r:
                    if r.is_redirect and r.headers.get("location"):
                        url = urljoin(url, r.headers["location"])
                        continue
                    if r.status_code >= 400:
                        raise SpecFetchError(f"The API spec URL {shown} answered HTTP {r.status_code}.")
                    return _capped_body(r, settings.spec_max_bytes, deadline, shown)
    except UrlRefused as exc:  # the connection-time check refused what the first check allowed
        raise CrawlError(str(exc)) from None
    except httpx.HTTPError as exc:
        raise SpecFetchError(f"The API spec URL {shown} is unreachable ({type(exc).__name__}).") from None
    raise SpecFetchError(f"The API spec URL {shown} redirects more than {SPEC_MAX_REDIRECTS} times.")


def _capped_body(response: httpx.Response, max_bytes: int, deadline: float, shown: str) -> bytes:
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > max_bytes:
            raise SpecFetchError(
                f"The API spec at {shown} is larger than {max_bytes} bytes (TDM_SPEC_MAX_BYTES)."
            )
        if time.monotonic() > deadline:
            raise SpecFetchError(
                f"The API spec at {shown} took longer than {int(SPEC_DEADLINE_S)} s to download."
            )
    return bytes(body)


def spec_bytes(inline: str | dict[str, Any]) -> bytes:
    """An inline spec as the text that was sent (an object as canonical JSON), for parsing and hashing."""
    text = inline if isinstance(inline, str) else json.dumps(inline, sort_keys=True)
    return text.encode("utf-8")
