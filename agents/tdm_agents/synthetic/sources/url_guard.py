"""Which URLs the server may fetch: no private, loopback, link-local, reserved or cloud-metadata
addresses unless the operator allows them (`TDM_CRAWL_ALLOW_PRIVATE`, `TDM_CRAWL_ALLOWED_HOSTS`).

The host name is resolved and every address it resolves to is checked, so a public-looking name
pointing at an internal address is refused too.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from tdm_agents.synthetic.errors import CrawlError
from tdm_agents.synthetic.settings import SyntheticSettings

# Cloud metadata endpoints; most are link-local already, listed so the intent is explicit.
_METADATA = frozenset(
    {
        ipaddress.ip_address("169.254.169.254"),
        ipaddress.ip_address("fd00:ec2::254"),
        ipaddress.ip_address("100.100.100.200"),
    }
)


def _refused(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (
        address in _METADATA
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
        or (isinstance(address, ipaddress.IPv4Address) and address in ipaddress.ip_network("100.64.0.0/10"))
    )


def resolve_addresses(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """Every address `host` resolves to (an IP literal resolves to itself)."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise CrawlError(f"cannot resolve host {host!r}") from exc
    return list(dict.fromkeys(ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos))


def shown_url(url: str) -> str:
    """A URL without credentials, query or fragment: safe for logs, errors and lineage."""
    parts = urlsplit(url)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname or ''}{port}{parts.path}"


def check_url(url: str, settings: SyntheticSettings) -> None:
    """Raise CrawlError unless `url` is http(s) and its host may be fetched under `settings`."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise CrawlError(f"only http and https URLs can be crawled, not {parts.scheme or 'a relative URL'!r}")
    host = (parts.hostname or "").lower()
    if not host:
        raise CrawlError("the URL has no host")
    if settings.crawl_allow_private or host in settings.allowed_hosts:
        return
    for address in resolve_addresses(host):
        if _refused(address):
            raise CrawlError(
                f"refusing to fetch {host}: it resolves to a private, loopback, link-local or metadata address "
                "(allow it with TDM_CRAWL_ALLOW_PRIVATE or TDM_CRAWL_ALLOWED_HOSTS)"
            )
