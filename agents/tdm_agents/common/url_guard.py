"""Which hosts the server may contact, and an HTTP transport that connects only to checked addresses.

One policy for every outbound request the platform makes on a user's behalf (UI crawl, OpenAPI
spec URLs, job webhooks): only http(s); no private, loopback, link-local, reserved, multicast,
carrier-grade NAT or cloud-metadata address unless the operator allows it (all private addresses,
or named hosts).

Checking a name and then letting the HTTP client resolve it again leaves a gap: a name can answer
a public address to the check and an internal one to the client (DNS rebinding). `GuardedTransport`
closes it: for each request it resolves the host once, checks every address, and opens the TCP
connection to a checked address itself, while the Host header, TLS SNI and certificate
verification keep using the name. Redirects are new requests through the same transport, so every
hop is checked the same way.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import ssl
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

# Cloud metadata endpoints; most are link-local already, listed so the intent is explicit.
_METADATA = frozenset(
    {
        ipaddress.ip_address("169.254.169.254"),
        ipaddress.ip_address("fd00:ec2::254"),
        ipaddress.ip_address("100.100.100.200"),
    }
)
_CGNAT = ipaddress.ip_network("100.64.0.0/10")


class UrlRefused(Exception):
    """A URL the policy does not allow the server to contact; the message is fit to show a caller
    (it names the host and the setting that would allow it, never credentials or a query)."""


class UrlUnresolvable(UrlRefused):
    """The URL's host name does not resolve (so nothing was contacted)."""


@dataclass(frozen=True)
class UrlPolicy:
    """Where outbound requests may go.

    `action` and `allow_hint` only shape messages: "refusing to <action> <host> ... (allow it with
    <allow_hint>)".
    """

    allow_private: bool = False
    allowed_hosts: frozenset[str] = field(default_factory=frozenset)
    action: str = "fetch"
    allow_hint: str = "an allow-list setting"

    def trusts(self, host: str) -> bool:
        """True when `host` may be contacted whatever it resolves to."""
        return self.allow_private or host.strip("[]").lower() in self.allowed_hosts


def parse_hosts(value: str | Iterable[str]) -> frozenset[str]:
    """A comma-separated (or listed) allow-list as lower-case host names without IPv6 brackets."""
    items = value.split(",") if isinstance(value, str) else value
    return frozenset(h.strip().strip("[]").lower() for h in items if h.strip())


def is_refused(address: Address) -> bool:
    """True for addresses the server must not contact unless the operator allows it."""
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
        or (isinstance(address, ipaddress.IPv4Address) and address in _CGNAT)
    )


def resolve_addresses(host: str) -> list[Address]:
    """Every address `host` resolves to, in resolver order (an IP literal resolves to itself)."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise UrlUnresolvable(f"cannot resolve host {host!r}") from exc
    addresses = list(dict.fromkeys(ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos))
    if not addresses:
        raise UrlUnresolvable(f"cannot resolve host {host!r}")
    return addresses


def shown_url(url: str) -> str:
    """A URL without credentials, query or fragment: safe for logs, errors and lineage."""
    try:
        parts = urlsplit(url)
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "<invalid URL>"
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    return f"{parts.scheme}://{host}{port}{parts.path}"


def shown_origin(url: str) -> str:
    """Scheme, host and port of a URL only: for URLs whose path may itself be a secret (webhooks)."""
    parts = urlsplit(shown_url(url))
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else "<invalid URL>"


def url_host(url: str) -> str:
    """The lower-case host of an http(s) URL; UrlRefused for any other scheme or no host."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        raise UrlRefused("the URL is malformed") from None
    if parts.scheme not in ("http", "https"):
        raise UrlRefused(f"only http and https URLs can be used, not {parts.scheme or 'a relative URL'!r}")
    host = (parts.hostname or "").lower()
    if not host:
        raise UrlRefused("the URL has no host")
    return host


def checked_addresses(host: str, policy: UrlPolicy) -> list[Address]:
    """Resolve `host` once and return its addresses; UrlRefused if any of them is refused under
    `policy` (a trusted host's addresses are returned unchecked)."""
    addresses = resolve_addresses(host)
    if not policy.trusts(host) and any(is_refused(a) for a in addresses):
        raise UrlRefused(
            f"refusing to {policy.action} {host}: it resolves to a private, loopback, link-local or "
            f"metadata address (allow it with {policy.allow_hint})"
        )
    return addresses


def check_url(url: str, policy: UrlPolicy, *, allow_unresolvable: bool = False) -> None:
    """Raise UrlRefused unless `url` is http(s) and its host may be contacted under `policy`.

    This is an early answer for a caller (e.g. a 422 when a URL is configured). It does not protect
    the request made later, which must go through `GuardedTransport`. With `allow_unresolvable`, a
    name that does not resolve now passes (it is checked again when it is used).
    """
    host = url_host(url)
    if policy.trusts(host):
        return
    try:
        checked_addresses(host, policy)
    except UrlUnresolvable:
        if not allow_unresolvable:
            raise


@functools.cache
def default_tls_context() -> ssl.SSLContext:
    """The verifying TLS context that every guarded connection pool of this process shares: httpx
    builds one per pool otherwise, loading the CA bundle each time (about 10 ms of CPU per host
    a crawl or a webhook reaches)."""
    return httpx.create_ssl_context()


class GuardedTransport(httpx.BaseTransport):
    """An httpx transport that connects only to addresses checked under `policy`.

    Every request resolves its host once, checks every address (UrlRefused, raised before any
    connection is made, when one is refused) and connects to a checked address, trying the next
    one only when a connection cannot be opened. The request keeps its Host header and TLS uses
    the name for SNI and certificate verification. Connections are pooled per host name, so a
    connection opened for one name is never reused for another name on the same address.
    """

    def __init__(self, policy: UrlPolicy, **transport_options: Any) -> None:
        self.policy = policy
        if transport_options.get("verify", True) is True:
            transport_options["verify"] = default_tls_context()
        self._options = transport_options
        self._pools: dict[str, httpx.HTTPTransport] = {}
        self._lock = threading.Lock()

    def _pool(self, host: str) -> httpx.HTTPTransport:
        with self._lock:
            pool = self._pools.get(host)
            if pool is None:
                pool = self._pools[host] = httpx.HTTPTransport(**self._options)
            return pool

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host = url_host(str(request.url))
        addresses = checked_addresses(host, self.policy)
        pool = self._pool(host)
        failure: httpx.ConnectError | None = None
        for address in addresses:
            pinned = httpx.Request(
                request.method,
                request.url.copy_with(host=str(address)),
                headers=request.headers,  # carries Host: <name>
                stream=request.stream,
                extensions={**request.extensions, "sni_hostname": host},
            )
            try:
                return pool.handle_request(pinned)
            except httpx.ConnectError as exc:  # nothing was sent: the next checked address may answer
                failure = exc
        raise failure or httpx.ConnectError(f"no address of {host} to connect to", request=request)

    def close(self) -> None:
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.close()


def guarded_client(policy: UrlPolicy, **client_options: Any) -> httpx.Client:
    """An httpx client whose every request (redirects included) goes through `GuardedTransport`;
    proxy variables of the environment are ignored (a proxy would resolve names itself)."""
    verify = client_options.pop("verify", True)
    return httpx.Client(transport=GuardedTransport(policy, verify=verify), trust_env=False, **client_options)
