"""A round reads key sets and deltas with statistics once they hold many rows: without them the
planner assumes 200 distinct keys and may probe an index per key instead of hashing them."""

from __future__ import annotations

import pytest

from tdm_agents.subsetting import MemorySink, SubsetRequest, extract_subset, validate_request
from tdm_agents.subsetting import keysets as keysets_module
from tdm_agents.subsetting.settings import SubsetSettings
from tdm_agents.subsetting.source_session import SourceSession
from tests.integration.agents.subsetting.subset_source_db import discovered_source

pytestmark = pytest.mark.integration

DDL = """
CREATE TABLE regions (id int PRIMARY KEY);
CREATE TABLE customers (id int PRIMARY KEY, region_id int NOT NULL REFERENCES regions);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL REFERENCES customers);
CREATE INDEX ON orders (customer_id);
CREATE TABLE lines (order_id bigint NOT NULL REFERENCES orders, line int NOT NULL, PRIMARY KEY (order_id, line));
INSERT INTO regions SELECT r FROM generate_series(1, 5) r;
INSERT INTO customers SELECT c, 1 + c % 5 FROM generate_series(1, 4000) c;
INSERT INTO orders SELECT o, 1 + (o * 7) % 4000 FROM generate_series(1, 20000) o;
INSERT INTO lines SELECT o, l FROM generate_series(1, 20000) o, generate_series(1, 2) l;
ANALYZE;
"""


@pytest.fixture(scope="module")
def source(pg_server_url):
    yield from discovered_source(pg_server_url, "tdm_subset_keyset_stats", DDL)


@pytest.fixture
def statements(monkeypatch) -> list[str]:
    seen: list[str] = []
    execute, stream = SourceSession.execute, SourceSession.stream

    def executed(self, query, params=(), stage="key sets"):
        seen.append(query.as_string(None))
        return execute(self, query, params, stage)

    def streamed(self, query, stage):
        seen.append(query.as_string(None))
        return stream(self, query, stage)

    monkeypatch.setattr(SourceSession, "execute", executed)
    monkeypatch.setattr(SourceSession, "stream", streamed)
    return seen


def _run(source, pct: float) -> None:
    url, snapshot = source
    request = SubsetRequest(
        schema_version_id="sv", connection_string=url, root_table="customers", sampling_pct=pct
    )
    extract_subset(
        url, snapshot, validate_request(request, snapshot), MemorySink(), settings=SubsetSettings(workers=1)
    )


def _orders_round(statements: list[str]) -> int:
    """Where the downstream round from customers to orders runs."""
    return next(
        i for i, s in enumerate(statements) if 'INSERT INTO "_tdm_k' in s and 'FROM "public"."orders"' in s
    )


def test_sampled_keys_get_statistics_before_their_children_are_found(source, statements):
    _run(source, 50)  # 2,000 customers: more than the threshold
    analyzed = [s for s in statements[: _orders_round(statements)] if s.startswith("ANALYZE")]
    assert analyzed, "the customers' delta was analyzed before the orders round"


def test_few_keys_are_not_worth_an_analyze(source, statements, monkeypatch):
    monkeypatch.setattr(keysets_module, "_ANALYZE_ROWS", 10**9)
    _run(source, 50)
    assert not [s for s in statements[: _orders_round(statements)] if s.startswith("ANALYZE")]
