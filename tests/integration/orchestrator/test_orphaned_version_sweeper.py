"""The worker's sweep of dataset-store files that belong to no ready version, on both backends."""

from __future__ import annotations

import uuid

import pyarrow as pa

from tdm_cache.client import sync_client
from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_orchestrator.dataset_sweeper import OrphanedVersionSweeper
from tdm_orchestrator.services import Services

SCHEMA = pa.schema([("id", pa.int64())])


class ManualClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _write(store, version_id: uuid.UUID, manifest: bool) -> None:
    info = store.write_table(version_id, "t", [pa.record_batch([pa.array([1, 2])], schema=SCHEMA)], SCHEMA)
    if manifest:
        store.write_manifest(version_id, {"t": info})


def _catalog(session_factory, version_id: uuid.UUID, status: str) -> None:
    with unit_of_work(session_factory) as session:
        repo = DatasetRepository(session)
        repo.create(version_id, source_type="subset", path_prefix=f"datasets/{version_id}/")
        if status == "deleted":
            repo.mark_deleted(version_id)
        elif status != "pending":
            repo.set_status(version_id, status)


def test_sweeper_removes_only_versions_that_will_never_be_ready(metadata_db_url, redis_url, dataset_store):
    engine = make_engine(metadata_db_url, pool_size=1)
    session_factory = make_session_factory(engine)
    services = Services(engine=engine, session_factory=session_factory, redis=sync_client(redis_url),
                        dataset_store=dataset_store, secret_box=None, database_url=metadata_db_url)  # fmt: skip
    versions = {status: uuid.uuid4() for status in ("ready", "writing", "failed", "deleted")}
    for status, version_id in versions.items():
        _catalog(session_factory, version_id, status)
        _write(dataset_store, version_id, manifest=status == "ready")
    rowless = uuid.uuid4()
    _write(dataset_store, rowless, manifest=False)
    clock = ManualClock()
    sweeper = OrphanedVersionSweeper(services, grace_s=600, clock=clock)
    try:
        removed = sweeper.sweep()
        assert sorted(removed) == sorted(str(versions[s]) for s in ("failed", "deleted"))
        left = set(dataset_store.list_version_ids())
        assert left == {str(versions["ready"]), str(versions["writing"]), str(rowless)}

        clock.now = 599
        assert sweeper.sweep() == [], "a row-less version is kept while its writer may still add the row"
        clock.now = 601
        assert sweeper.sweep() == [str(rowless)]
        assert set(dataset_store.list_version_ids()) == {str(versions["ready"]), str(versions["writing"])}
        assert dataset_store.read_manifest(versions["ready"]) is not None
    finally:
        services.close()
