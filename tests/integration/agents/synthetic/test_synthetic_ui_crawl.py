"""UI crawl against local pages with the system Chromium: forms, tables, key elements, depth and
page limits, non-HTML and unreachable pages, and the private-address guard (redirects included).
"""

from __future__ import annotations

import socket

import pytest

from tdm_agents.synthetic.errors import CrawlError
from tdm_agents.synthetic.settings import SyntheticSettings
from tdm_agents.synthetic.sources.browser import chromium_available
from tdm_agents.synthetic.sources.ui_crawl import crawl, extract_html_schema
from tdm_agents.synthetic.sources.url_guard import check_url

needs_chromium = pytest.mark.skipif(not chromium_available(), reason="/usr/bin/chromium is not installed")
pytestmark = pytest.mark.timeout(180)


def _settings(**overrides: object) -> SyntheticSettings:
    values: dict[str, object] = {"crawl_allow_private": True, "crawl_page_timeout_seconds": 10}
    values.update(overrides)
    return SyntheticSettings.model_validate(values)


@pytest.mark.ui
@needs_chromium
def test_registration_form_tables_and_key_elements_become_entities(web_pages: str) -> None:
    result = crawl([f"{web_pages}/register.html"], _settings(crawl_max_depth=1))
    visited = {p.url.removeprefix(web_pages) for p in result.pages}
    assert {"/register.html", "/customers.html", "/about.html"} <= visited
    assert not any("example.org" in p.url for p in result.pages)  # other origins are not followed
    skipped = {s.url.removeprefix(web_pages): s.reason for s in result.skipped}
    assert skipped["/data.json"].startswith("not an HTML page")

    form = result.pages[0].forms[0]
    labels = {f.name: f.label for f in form.fields}
    assert labels["firstName"] == "First name"  # label[for]
    assert labels["lastName"] == "Last name"  # wrapping label
    assert labels["email"] == "Email address"  # aria-label
    assert labels["phone"] == "Phone"  # placeholder
    assert "csrf" not in labels

    schema = extract_html_schema(result)
    customer = schema.entity("customer")
    assert customer is not None
    attr = {a.name: a for a in customer.attributes}
    assert attr["email"].semantic_type == "email" and not attr["email"].nullable
    assert attr["first_name"].max_length == 40 and not attr["first_name"].nullable
    assert attr["phone"].pattern == "[0-9]{10}" and attr["phone"].semantic_type == "phone"
    assert (attr["age"].type, attr["age"].min, attr["age"].max) == ("integer", 18.0, 120.0)
    assert (attr["birth_date"].type, attr["birth_date"].max) == ("date", "2010-12-31")
    assert attr["plan"].enum_values == ["basic", "premium"]
    assert attr["contact"].enum_values == ["email", "sms"]
    assert attr["newsletter"].type == "boolean"
    table = schema.entity("customer_list")
    assert table is not None
    assert table.attribute("balance").type == "decimal" and table.attribute("joined").type == "date"
    assert table.attribute("email").example_values == ["ann@example.org", "bo@example.net"]
    summary = schema.entity("account_summary")
    assert summary is not None and summary.attribute("opened").type == "date"
    assert summary.attribute("status").example_values == ["active"]
    assert {s.kind for s in schema.sources} == {"ui"}


@pytest.mark.ui
@needs_chromium
def test_depth_limit_and_page_cap(web_pages: str) -> None:
    shallow = crawl([f"{web_pages}/deep1.html"], _settings(crawl_max_depth=2))
    assert [p.url.removeprefix(web_pages) for p in shallow.pages] == [
        "/deep1.html",
        "/deep2.html",
        "/deep3.html",
    ]
    assert [p.depth for p in shallow.pages] == [0, 1, 2]
    capped = crawl([f"{web_pages}/deep1.html"], _settings(crawl_max_depth=10, crawl_max_pages=2))
    assert len(capped.pages) == 2


@pytest.mark.ui
@needs_chromium
def test_non_html_and_unreachable_start_urls_fail_clearly(web_pages: str) -> None:
    with pytest.raises(CrawlError, match="not an HTML page"):
        crawl([f"{web_pages}/data.json"], _settings())
    with pytest.raises(CrawlError, match="HTTP 404"):
        crawl([f"{web_pages}/missing.html"], _settings())
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(CrawlError, match="cannot crawl"):
        crawl([f"http://127.0.0.1:{port}/"], _settings(crawl_page_timeout_seconds=5))


def test_guard_refuses_loopback_private_and_metadata_unless_allowed(web_pages: str) -> None:
    strict = SyntheticSettings()
    for url in (
        f"{web_pages}/register.html",
        "http://localhost/",
        "http://10.1.2.3/",
        "http://169.254.169.254/x",
        "http://[::1]/",
        "http://192.168.0.1/",
        "http://[::ffff:127.0.0.1]/",
    ):
        with pytest.raises(CrawlError, match="private, loopback"):
            check_url(url, strict)
    with pytest.raises(CrawlError, match="only http and https"):
        check_url("file:///etc/passwd", strict)
    check_url(f"{web_pages}/register.html", SyntheticSettings(crawl_allowed_hosts="127.0.0.1"))
    check_url("http://10.1.2.3/", SyntheticSettings(crawl_allow_private=True))


def test_crawl_refuses_loopback_before_starting_a_browser(web_pages: str) -> None:
    with pytest.raises(CrawlError, match="private, loopback"):
        crawl([f"{web_pages}/register.html"], SyntheticSettings())


@pytest.mark.ui
@needs_chromium
def test_redirect_hops_are_guarded_too(web_pages: str) -> None:
    # 127.0.0.1 is allowed by name; /redirect sends the browser to `localhost`, which is not.
    result = crawl(
        [f"{web_pages}/customers.html"],
        _settings(crawl_allow_private=False, crawl_allowed_hosts="127.0.0.1", crawl_max_depth=1),
    )
    skipped = {s.url.removeprefix(web_pages): s.reason for s in result.skipped}
    assert "/redirect" in skipped and "private, loopback" in skipped["/redirect"]
    assert not any(p.title == "Account summary" for p in result.pages)
