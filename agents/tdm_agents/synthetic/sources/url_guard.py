"""Which URLs the crawler and the spec fetcher may fetch: the shared outbound-URL policy
(`tdm_agents.common.url_guard`) under the crawl settings (`TDM_CRAWL_ALLOW_PRIVATE`,
`TDM_CRAWL_ALLOWED_HOSTS`), with refusals raised as `CrawlError`.

The host name is resolved and every address it resolves to is checked, so a public-looking name
pointing at an internal address is refused too. Requests themselves go through
`crawl_client(settings)`, which connects only to the addresses it checked (no DNS rebinding).
"""

from __future__ import annotations

from typing import Any

import httpx

from tdm_agents.common.url_guard import (
    UrlPolicy,
    UrlRefused,
    guarded_client,
    parse_hosts,
    resolve_addresses,
    shown_url,
)
from tdm_agents.common.url_guard import check_url as check_with_policy
from tdm_agents.synthetic.errors import CrawlError
from tdm_agents.synthetic.settings import SyntheticSettings

__all__ = ["check_url", "crawl_client", "crawl_policy", "resolve_addresses", "shown_url"]


def crawl_policy(settings: SyntheticSettings) -> UrlPolicy:
    """The outbound-URL policy of the crawler and the spec fetcher under `settings`."""
    return UrlPolicy(
        allow_private=settings.crawl_allow_private,
        allowed_hosts=parse_hosts(settings.crawl_allowed_hosts),
        action="fetch",
        allow_hint="TDM_CRAWL_ALLOW_PRIVATE or TDM_CRAWL_ALLOWED_HOSTS",
    )


def check_url(url: str, settings: SyntheticSettings) -> None:
    """Raise CrawlError unless `url` is http(s) and its host may be fetched under `settings`."""
    try:
        check_with_policy(url, crawl_policy(settings))
    except UrlRefused as exc:
        raise CrawlError(str(exc)) from None


def crawl_client(settings: SyntheticSettings, **client_options: Any) -> httpx.Client:
    """An httpx client that connects only to addresses allowed under `settings` (it raises
    `UrlRefused` for any other request, redirect hops included)."""
    return guarded_client(crawl_policy(settings), **client_options)
