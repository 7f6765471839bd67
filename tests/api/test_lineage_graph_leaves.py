"""GET /lineage/dataset/{id} stops at shared inputs and environments: two datasets generated from the
same domain pack, spec and URL, and provisioned into the same environment, stay apart."""

from __future__ import annotations

import uuid

from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_metadata_store.repositories.environments import EnvironmentRepository
from tdm_metadata_store.repositories.lineage import LineageRepository
from tests.api.lineage_support import lineage_graph
from tests.fixtures.metadata import committed_session

SHARED_INPUTS = (
    ("domain_pack", "ecommerce"),
    ("api_spec", "sha256:" + "ab" * 32),
    ("url", "https://shop.test/signup"),
)


def _twins(database_url: str) -> dict[str, str]:
    """Two synthetic datasets from the same inputs, both provisioned to QA; the first one masked."""
    ids: dict[str, str] = {}
    with committed_session(database_url) as session:
        datasets, lineage = DatasetRepository(session), LineageRepository(session)
        env = EnvironmentRepository(session).create("QA")
        ids["environment"] = str(env.id)
        for name, kind in (("first", "synthetic"), ("second", "synthetic"), ("masked", "masked")):
            version = uuid.uuid4()
            datasets.create(version, source_type=kind, path_prefix=f"datasets/{version}/")
            ids[name] = str(version)
        for name in ("first", "second"):
            for source_type, source_id in SHARED_INPUTS:
                lineage.add(source_type=source_type, source_id=source_id, target_type="dataset_version",
                            target_id=ids[name], operation="derived_from")  # fmt: skip
            lineage.add(source_type="dataset_version", source_id=ids[name], target_type="environment",
                        target_id=env.id, operation="provisioned_to")  # fmt: skip
        lineage.add(source_type="dataset_version", source_id=ids["first"], target_type="dataset_version",
                    target_id=ids["masked"], operation="derived_from")  # fmt: skip
    return ids


def test_shared_inputs_and_environments_are_leaves_of_the_lineage_graph(platform):
    ids = _twins(platform.env["DATABASE_URL"])
    graph, types = lineage_graph(platform, ids["masked"])
    # Upstream through the dataset it was masked from, to that dataset's inputs and environment.
    assert types[ids["first"]] == "dataset_version"
    assert {types[source_id] for _, source_id in SHARED_INPUTS} == {"domain_pack", "api_spec", "url"}
    assert types[ids["environment"]] == "environment"
    # Not on to the other dataset made from the same inputs and loaded into the same environment.
    assert ids["second"] not in types
    assert all(ids["second"] not in (e["source"], e["target"]) for e in graph["edges"])
    assert graph["truncated"] is False
