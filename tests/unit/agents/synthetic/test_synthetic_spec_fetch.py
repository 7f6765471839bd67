"""The agent's spec source: inline specs as canonical bytes, fetched specs with readable failures
that never show a URL's credentials or query."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tdm_agents.synthetic import SyntheticError
from tdm_agents.synthetic.errors import SpecFetchError
from tdm_agents.synthetic.settings import SyntheticSettings
from tdm_agents.synthetic.sources.spec_fetch import fetch_spec, spec_bytes
from tdm_agents.synthetic.sources.url_guard import shown_url
from tests.fixtures.http_site import QuietHandler, serve_http

SPEC = b'{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {}}'


class _SpecSite(QuietHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        body = {"/spec.json": SPEC, "/huge.json": b"x" * 2000}.get(urlsplit(self.path).path)
        self.reply(200 if body is not None else 500, body or b"")


@pytest.fixture(scope="module")
def spec_site() -> Iterator[str]:
    with serve_http(_SpecSite) as url:
        yield url


def _settings() -> SyntheticSettings:
    return SyntheticSettings(crawl_allow_private=False, crawl_allowed_hosts="127.0.0.1", spec_max_bytes=1000)


def test_inline_specs_become_the_bytes_that_are_parsed_and_hashed():
    assert spec_bytes('{"b": 1, "a": 2}') == b'{"b": 1, "a": 2}'  # text is kept as sent
    assert spec_bytes({"b": 1, "a": 2}) == b'{"a": 2, "b": 1}'  # objects as canonical JSON


def test_shown_urls_lose_credentials_query_and_fragment():
    assert shown_url("https://user:pw@api.example.com:8443/v1/spec.json?token=t#x") == (
        "https://api.example.com:8443/v1/spec.json"
    )


def test_a_spec_is_fetched_within_its_limits(spec_site):
    assert fetch_spec(f"{spec_site}/spec.json", _settings()) == SPEC


@pytest.mark.parametrize(("path", "words"), [("/huge.json", "larger than 1000 bytes"), ("/gone", "HTTP 500")])
def test_fetch_failures_are_synthetic_errors_that_hide_the_query(spec_site, path, words):
    with pytest.raises(SpecFetchError, match=words) as failure:
        fetch_spec(f"{spec_site}{path}?api_key=hidden", _settings())
    assert isinstance(failure.value, SyntheticError) and "hidden" not in str(failure.value)
