"""Guarded transports share one verifying TLS context instead of building one per host."""

from __future__ import annotations

import ssl

from tdm_agents.common.url_guard import GuardedTransport, UrlPolicy, default_tls_context


def _context_of(transport: GuardedTransport, host: str) -> ssl.SSLContext:
    return transport._pool(host)._pool._ssl_context


def test_every_pool_of_every_transport_uses_the_one_verifying_context():
    first, second = GuardedTransport(UrlPolicy()), GuardedTransport(UrlPolicy())
    contexts = {id(_context_of(t, host)) for t in (first, second) for host in ("a.example", "b.example")}
    assert contexts == {id(default_tls_context())}
    assert default_tls_context().verify_mode == ssl.CERT_REQUIRED and default_tls_context().check_hostname


def test_a_context_given_by_the_caller_is_kept():
    own = ssl.create_default_context()
    assert _context_of(GuardedTransport(UrlPolicy(), verify=own), "a.example") is own
    unverified = _context_of(GuardedTransport(UrlPolicy(), verify=False), "a.example")
    assert unverified is not default_tls_context() and unverified.verify_mode == ssl.CERT_NONE
