"""Parts of the synthetic subgraph that need no platform: request resolution, the spec fetch and its
guard, the key ranges of a DB schema, and the portal's shape of the quality report."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tdm_agents.synthetic import load_domain_pack
from tdm_agents.synthetic.schema_model import Attribute, Entity, NormalizedSchema, Relationship
from tdm_agents.synthetic.settings import SyntheticSettings
from tdm_metadata_store.snapshot import CheckConstraintInfo, ColumnInfo, SchemaSnapshot, TableInfo
from tdm_orchestrator.errors import PermanentJobError
from tdm_orchestrator.graphs.synthetic import _options, fetch_spec, free_key_ranges, quality_for_portal
from tests.fixtures.http_site import QuietHandler, serve_http

DISCOVERED, SHARED = "5f0c1b7e-0d1a-4a8e-9d36-3f1f0d8a9d10", "7d4c8f2e-1b9a-4c3e-8f6d-2a5b9c0e1d23"
SPEC = b'{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {}}'


def test_a_single_step_job_reads_its_request_as_is():
    state = {"operation": "TDM_SYNTHETIC_RUN", "request": {"domain_pack": "ecommerce", "seed": 1}}
    options = _options(state)
    assert (options.domain_pack, options.seed, options.schema_version_id) == ("ecommerce", 1, None)


def test_a_full_pipeline_top_up_defaults_to_the_discovered_schema_version():
    state = {
        "operation": "FULL_TDM_PIPELINE",
        "schema_version_id": DISCOVERED,
        "request": {"connection_id": SHARED, "synthetic": {"row_counts": {"customers": 5}}},
    }
    assert str(_options(state).schema_version_id) == DISCOVERED


def test_a_composite_step_with_its_own_source_ignores_the_shared_schema_version():
    state = {
        "operation": "FULL_TDM_PIPELINE",
        "schema_version_id": SHARED,
        "request": {"schema_version_id": SHARED, "synthetic": {"domain_pack": "ecommerce"}},
    }
    options = _options(state)
    assert options.domain_pack == "ecommerce" and options.schema_version_id is None


class _Handler(QuietHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        port = self.server.server_address[1]
        redirects = {
            "/hop": "/spec.json",
            "/to-localhost": f"http://localhost:{port}/spec.json",
            "/loop": "/loop",
        }
        if self.path in redirects:
            self.redirect(redirects[self.path])
            return
        body = {"/spec.json": SPEC, "/big.json": b" " * 5000}.get(self.path)
        self.reply(200 if body is not None else 404, body or b"")


@pytest.fixture(scope="module")
def spec_site() -> Iterator[str]:
    with serve_http(_Handler) as url:
        yield url


def _only_loopback_ip() -> SyntheticSettings:
    # The site's own address is allowed by name; any other private address stays refused.
    return SyntheticSettings(crawl_allow_private=False, crawl_allowed_hosts="127.0.0.1", spec_max_bytes=1000)


def test_spec_fetch_follows_allowed_redirects(spec_site):
    assert fetch_spec(f"{spec_site}/hop", _only_loopback_ip()) == SPEC


def test_spec_fetch_checks_the_guard_on_every_redirect_hop(spec_site):
    from tdm_agents.synthetic import CrawlError

    with pytest.raises(CrawlError, match="refusing to fetch localhost"):
        fetch_spec(f"{spec_site}/to-localhost", _only_loopback_ip())


@pytest.mark.parametrize(
    ("path", "words"),
    [("/big.json", "larger than 1000 bytes"), ("/missing", "HTTP 404"), ("/loop", "redirects more than")],
)
def test_spec_fetch_failures_are_readable(spec_site, path, words):
    with pytest.raises(PermanentJobError, match=words):
        fetch_spec(f"{spec_site}{path}", _only_loopback_ip())


def test_spec_fetch_of_an_unreachable_host_hides_the_query():
    with pytest.raises(PermanentJobError) as failure:
        fetch_spec("http://127.0.0.1:1/spec.json?key=topsecret", _only_loopback_ip())
    assert "unreachable" in str(failure.value) and "topsecret" not in str(failure.value)


def _table(name: str, checks: list[str]) -> TableInfo:
    columns = [
        ColumnInfo(name=n, data_type="bigint", type_category="integer", nullable=False, ordinal_position=i)
        for i, n in enumerate(("id", "parent_id", "score"), start=1)
    ]
    return TableInfo(
        schema_name="public",
        name=name,
        columns=columns,
        primary_key=["id"],
        check_constraints=[CheckConstraintInfo(name=f"c{i}", expression=e) for i, e in enumerate(checks)],
    )


def test_observed_ranges_stop_bounding_keys_but_check_constraints_still_do():
    schema = NormalizedSchema(
        entities=[
            Entity(
                name="node",
                primary_key=["id"],
                attributes=[
                    Attribute(name="id", type="integer", unique=True, min=1, max=40),
                    Attribute(name="parent_id", type="integer", min=1, max=40),
                    Attribute(name="score", type="integer", min=3, max=9),
                ],
            ),
            Entity(
                name="checked",
                primary_key=["id"],
                attributes=[Attribute(name="id", type="integer", unique=True, min=1, max=100)],
            ),
        ],
        relationships=[
            Relationship(
                child_entity="node",
                child_attributes=["parent_id"],
                parent_entity="node",
                parent_attributes=["id"],
            )
        ],
    )
    snapshot = SchemaSnapshot(
        schemas=["public"], tables=[_table("node", []), _table("checked", ["CHECK ((id <= 100))"])]
    )
    free_key_ranges(schema, snapshot)
    node, checked = schema.entity("node"), schema.entity("checked")
    assert (node.attribute("id").min, node.attribute("id").max) == (None, None)
    assert (node.attribute("parent_id").min, node.attribute("parent_id").max) == (None, None)
    assert (node.attribute("score").min, node.attribute("score").max) == (3, 9)
    assert checked.attribute("id").max == 100


def test_quality_report_carries_chartable_column_comparisons():
    schema = load_domain_pack("ecommerce").schema_
    quality = {
        "columns": [
            {
                "table": "customer",
                "column": "segment",
                "kind": "categorical",
                "labels": ["a", "b"],
                "real": [0.5, 0.5],
                "synthetic": [0.4, 0.6],
            },
            {
                "table": "order",
                "column": "total",
                "kind": "numeric",
                "bins": [0.0, 10.0, 20.0],
                "real": [0.3, 0.7],
                "synthetic": [0.35, 0.65],
            },
        ],
        "sdmetrics_available": True,
        "overall_score": 0.8,
    }
    report = quality_for_portal(quality, schema)
    assert report["overall_score"] == 0.8 and "columns" not in report
    categorical, numeric = report["column_comparisons"]
    assert categorical["labels"] == ["a", "b"] and categorical["synthetic"] == [0.4, 0.6]
    assert numeric["labels"] == ["0", "10"] and numeric["real"] == [0.3, 0.7]
    assert {"table", "column", "labels", "real", "synthetic"} <= set(numeric)
