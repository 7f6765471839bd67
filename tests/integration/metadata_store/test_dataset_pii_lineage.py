"""Dataset versions, their metadata, PII classifications and reviews, and lineage edges."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from tdm_metadata_store.repositories import (
    ColumnLineageEntry,
    DatasetRepository,
    JobRepository,
    LineageRepository,
    PiiFinding,
    PiiRepository,
    RecordNotFoundError,
    SchemaRepository,
)
from tdm_metadata_store.snapshot import ColumnInfo, SchemaSnapshot, TableInfo


def _schema_version(session: Session) -> tuple[uuid.UUID, uuid.UUID]:
    repo = SchemaRepository(session)
    schema = repo.get_or_create_schema("crm")
    snapshot = SchemaSnapshot(
        tables=[
            TableInfo(
                schema_name="public", name="people", columns=[ColumnInfo(name="email", data_type="text")]
            )
        ]
    )
    return schema.id, repo.save_version(schema.id, snapshot).id


def test_dataset_lifecycle_is_idempotent_and_filterable(metadata_session: Session) -> None:
    _, version_id = _schema_version(metadata_session)
    repo = DatasetRepository(metadata_session)
    dataset_id = uuid.uuid4()
    created = repo.create(
        dataset_id, source_type="subset", path_prefix=f"datasets/{dataset_id}/", schema_version_id=version_id
    )
    assert created.status == "pending"
    again = repo.create(dataset_id, source_type="subset", path_prefix="ignored/")
    assert again.id == dataset_id and again.path_prefix == f"datasets/{dataset_id}/"

    ready = repo.set_status(dataset_id, "ready", row_count=120, byte_size=4096)
    assert (ready.status, ready.row_count, ready.byte_size) == ("ready", 120, 4096)
    assert ready.ready_at is not None
    masked_id = uuid.uuid4()
    repo.create(masked_id, source_type="masked", path_prefix=f"datasets/{masked_id}/")

    repo.set_metadata(dataset_id, "row_counts", {"people": 120})
    repo.set_many_metadata(dataset_id, {"seed": 42, "row_counts": {"people": 121}})
    assert repo.get_metadata(dataset_id) == {"row_counts": {"people": 121}, "seed": 42}

    rows, total = repo.list(source_type="subset")
    assert total == 1 and rows[0].id == dataset_id
    _, total = repo.list(schema_version_id=version_id)
    assert total == 1

    deleted = repo.mark_deleted(masked_id)
    assert deleted.status == "deleted" and deleted.deleted_at is not None
    _, total = repo.list()
    assert total == 1
    _, total = repo.list(include_deleted=True)
    assert total == 2

    with pytest.raises(ValueError):
        repo.create(uuid.uuid4(), source_type="copied", path_prefix="x")
    with pytest.raises(ValueError):
        repo.set_status(dataset_id, "done")
    with pytest.raises(RecordNotFoundError):
        repo.set_status(uuid.uuid4(), "ready")


def test_pii_classification_is_replaced_per_version(metadata_session: Session) -> None:
    _, version_id = _schema_version(metadata_session)
    repo = PiiRepository(metadata_session)
    first = [
        PiiFinding("public", "people", "email", "email", "regex", 0.9876, {"matched_fraction": 1.0}),
        PiiFinding("public", "people", "name", "person_name", "name", 0.7),
    ]
    assert repo.replace_for_version(version_id, first) == 2
    repo.replace_for_version(version_id, first[:1])
    (only,) = repo.list_for_version(version_id)
    assert (only.column_name, only.confidence, only.explanation) == (
        "email",
        Decimal("0.988"),
        {"matched_fraction": 1.0},
    )


def test_reviews_are_upserted_per_column(metadata_session: Session) -> None:
    schema_id, _ = _schema_version(metadata_session)
    repo = PiiRepository(metadata_session)
    first = repo.upsert_review(
        schema_id,
        schema_name="public",
        table_name="people",
        column_name="email",
        decision="confirm",
        pii_type="email",
        data_type="text",
        reviewer="alice",
    )
    metadata_session.commit()
    second = repo.upsert_review(
        schema_id,
        schema_name="public",
        table_name="people",
        column_name="email",
        decision="reject",
        reviewer="bob",
    )
    assert second.id == first.id
    assert (second.decision, second.reviewer, second.pii_type) == ("reject", "bob", None)
    assert second.updated_at > second.created_at
    assert len(repo.reviews_for_schema(schema_id)) == 1
    with pytest.raises(ValueError):
        repo.upsert_review(schema_id, schema_name="public", table_name="t", column_name="c", decision="maybe")


def test_lineage_edges_and_column_entries(metadata_session: Session) -> None:
    _, version_id = _schema_version(metadata_session)
    job = JobRepository(metadata_session).create("TDM_SUBSET_MASK_PROVISION", {})
    subset_id, masked_id, env_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    repo = LineageRepository(metadata_session)
    repo.add(
        source_type="schema_version",
        source_id=version_id,
        target_type="dataset_version",
        target_id=subset_id,
        operation="discovered_from",
        job_id=job.id,
    )
    repo.add(
        source_type="dataset_version",
        source_id=subset_id,
        target_type="dataset_version",
        target_id=masked_id,
        operation="derived_from",
        details={"rule_set_version": 2},
    )
    repo.add(
        source_type="dataset_version",
        source_id=masked_id,
        target_type="environment",
        target_id=env_id,
        operation="provisioned_to",
    )

    around_subset = repo.edges_touching([subset_id])
    by_operation = {e.operation: e for e in around_subset}
    assert set(by_operation) == {"discovered_from", "derived_from"}
    assert by_operation["discovered_from"].job_id == job.id
    assert len(repo.edges_touching([str(version_id), env_id])) == 2
    assert repo.edges_touching([]) == []

    DatasetRepository(metadata_session).create(masked_id, source_type="masked", path_prefix="p/")
    entries = [ColumnLineageEntry("people", "email", "mask.email_deterministic", uuid.uuid4(), 2, "k1")]
    assert repo.add_column_lineage(masked_id, entries) == 1
    (entry,) = repo.column_lineage_for(masked_id)
    assert (entry.column_name, entry.rule_type, entry.key_id) == ("email", "mask.email_deterministic", "k1")
