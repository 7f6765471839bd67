"""GET /lineage/dataset/{id}: upstream and downstream nodes, edges, jobs and column entries."""

from __future__ import annotations

import uuid

from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_metadata_store.repositories.environments import EnvironmentRepository
from tdm_metadata_store.repositories.jobs import JobRepository
from tdm_metadata_store.repositories.lineage import ColumnLineageEntry, LineageRepository
from tests.api.lineage_support import lineage_graph
from tests.fixtures.metadata import committed_session


def _chain(database_url: str) -> dict[str, str]:
    """schema version → subset → masked → environment, each edge with its job."""
    ids = {"schema_version": str(uuid.uuid4())}
    with committed_session(database_url) as session:
        jobs, datasets, lineage = (
            JobRepository(session),
            DatasetRepository(session),
            LineageRepository(session),
        )
        for kind in ("subset", "masked"):
            job = jobs.create("TDM_SUBSET_ONLY", {}, job_id=uuid.uuid4())
            version = uuid.uuid4()
            datasets.create(version, source_type=kind, path_prefix=f"datasets/{version}/", job_id=job.id)
            ids[kind], ids[f"{kind}_job"] = str(version), str(job.id)
        env = EnvironmentRepository(session).create("UAT")
        ids["environment"] = str(env.id)
        for source_type, source, target in (
            ("schema_version", "schema_version", "subset"),
            ("dataset_version", "subset", "masked"),
        ):
            lineage.add(
                source_type=source_type,
                source_id=ids[source],
                target_type="dataset_version",
                target_id=ids[target],
                operation="derived_from",
                job_id=uuid.UUID(ids[f"{target}_job"]),
            )
        lineage.add(
            source_type="dataset_version",
            source_id=ids["masked"],
            target_type="environment",
            target_id=env.id,
            operation="provisioned_to",
        )
        lineage.add_column_lineage(
            uuid.UUID(ids["masked"]),
            [ColumnLineageEntry("customers", "email", "mask.email_deterministic", key_id="k1")],
        )
    return ids


def test_lineage_graph_walks_both_directions(platform):
    ids = _chain(platform.env["DATABASE_URL"])
    graph, types = lineage_graph(platform, ids["subset"])
    assert types[ids["schema_version"]] == "schema_version"  # upstream
    assert (
        types[ids["masked"]] == "dataset_version" and types[ids["environment"]] == "environment"
    )  # downstream
    assert types[ids["masked_job"]] == "job"
    operations = {(e["source"], e["target"]): e["operation"] for e in graph["edges"]}
    assert operations[(ids["masked"], ids["environment"])] == "provisioned_to"
    assert operations[(ids["subset"], ids["masked"])] == "derived_from"
    assert graph["columns"] == [
        {
            "dataset_version_id": ids["masked"],
            "table_name": "customers",
            "column_name": "email",
            "rule_type": "mask.email_deterministic",
            "rule_set_id": None,
            "rule_set_version": None,
            "key_id": "k1",
        }
    ]


def test_lineage_of_unknown_or_malformed_id(platform):
    viewer = platform.headers("viewer")
    assert platform.client.get(f"/api/v1/lineage/dataset/{uuid.uuid4()}", headers=viewer).status_code == 404
    assert platform.client.get("/api/v1/lineage/dataset/..%2Fetc", headers=viewer).status_code in (404, 422)
    assert platform.client.get("/api/v1/lineage/dataset/not-a-uuid", headers=viewer).status_code == 422
