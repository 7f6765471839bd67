"""Schema versions: numbering, fingerprints, row tables, snapshots and user-defined keys."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy.orm import Session

from tdm_metadata_store.repositories import RecordNotFoundError, SchemaRepository
from tdm_metadata_store.snapshot import ColumnInfo, ColumnStats, RelationshipInfo, SchemaSnapshot, TableInfo


def _snapshot(row_estimate: int = 10, extra_column: bool = False) -> SchemaSnapshot:
    customer_columns = [
        ColumnInfo(
            name="id", data_type="integer", type_category="integer", nullable=False, ordinal_position=1
        ),
        ColumnInfo(
            name="email",
            data_type="text",
            type_category="string",
            ordinal_position=2,
            inferred_type="email",
            stats=ColumnStats(sample_rows=10, null_fraction=0.0),
        ),
    ]
    if extra_column:
        customer_columns.append(ColumnInfo(name="phone", data_type="text", ordinal_position=3))
    return SchemaSnapshot(
        database="shop",
        tables=[
            TableInfo(
                schema_name="public",
                name="customers",
                columns=customer_columns,
                primary_key=["id"],
                row_estimate=row_estimate,
            ),
            TableInfo(
                schema_name="public",
                name="orders",
                columns=[
                    ColumnInfo(name="id", data_type="integer", nullable=False, ordinal_position=1),
                    ColumnInfo(name="customer_id", data_type="integer", ordinal_position=2),
                ],
                primary_key=["id"],
            ),
            TableInfo(
                schema_name="public",
                name="audit_events",
                columns=[ColumnInfo(name="order_ref", data_type="integer", ordinal_position=1)],
            ),
        ],
        relationships=[
            RelationshipInfo(
                name="orders_customer_id_fkey",
                child_schema="public",
                child_table="orders",
                child_columns=["customer_id"],
                parent_schema="public",
                parent_table="customers",
                parent_columns=["id"],
                on_delete="CASCADE",
            )
        ],
    )


def test_versions_are_numbered_and_fingerprinted(metadata_session: Session) -> None:
    repo = SchemaRepository(metadata_session)
    schema = repo.get_or_create_schema("shop")
    assert repo.get_or_create_schema("shop").id == schema.id
    job_id = uuid.uuid4()

    v1 = repo.save_version(schema.id, _snapshot(row_estimate=10), job_id=job_id)
    v2 = repo.save_version(schema.id, _snapshot(row_estimate=99_999))
    v3 = repo.save_version(schema.id, _snapshot(extra_column=True))
    metadata_session.commit()

    assert [v.version_number for v in (v1, v2, v3)] == [1, 2, 3]
    assert v1.fingerprint == _snapshot().fingerprint() and len(v1.fingerprint) == 64
    assert v1.fingerprint == v2.fingerprint, "statistics are not structure"
    assert v3.fingerprint != v1.fingerprint
    assert (v1.table_count, v1.column_count, v3.column_count) == (3, 5, 6)
    assert v1.job_id == job_id
    assert repo.latest_version(schema.id).id == v3.id
    assert [v.version_number for v in repo.list_versions(schema.id)] == [3, 2, 1]
    assert repo.get_version_by_number(schema.id, 2).id == v2.id


def test_rows_mirror_the_snapshot(metadata_session: Session) -> None:
    repo = SchemaRepository(metadata_session)
    schema = repo.get_or_create_schema("shop")
    version = repo.save_version(schema.id, _snapshot())
    tables = {t.name: t for t in repo.tables_of_version(version.id)}
    assert sorted(tables) == ["audit_events", "customers", "orders"]
    assert tables["customers"].primary_key == ["id"]
    (relationship,) = repo.relationships_of_version(version.id)
    assert relationship.child_table_id == tables["orders"].id
    assert relationship.parent_table_id == tables["customers"].id
    assert relationship.child_columns == ["customer_id"]

    loaded = repo.load_snapshot(version.id)
    assert loaded == _snapshot()
    email = loaded.table("customers").column("email")
    assert email.inferred_type == "email" and email.stats.sample_rows == 10


def test_virtual_keys_are_kept_by_later_versions(metadata_session: Session) -> None:
    repo = SchemaRepository(metadata_session)
    schema = repo.get_or_create_schema("shop")
    repo.save_version(schema.id, _snapshot())
    repo.add_virtual_relationship(
        schema.id,
        kind="primary_key",
        child_schema="public",
        child_table="audit_events",
        child_columns=["order_ref"],
    )
    repo.add_virtual_relationship(
        schema.id,
        kind="foreign_key",
        child_schema="public",
        child_table="audit_events",
        child_columns=["order_ref"],
        parent_table="orders",
        parent_columns=["id"],
        created_by="alice",
    )
    with pytest.raises(ValueError):
        repo.add_virtual_relationship(
            schema.id, kind="foreign_key", child_schema="public", child_table="orders", child_columns=["x"]
        )
    later = repo.save_version(schema.id, _snapshot(extra_column=True))

    snapshot = repo.load_snapshot(later.id)
    virtual = [r for r in snapshot.relationships if r.is_virtual]
    assert [(r.child_table, r.parent_table, r.parent_columns) for r in virtual] == [
        ("audit_events", "orders", ["id"])
    ]
    assert snapshot.table("audit_events").identifying_columns() == ["order_ref"]
    assert len(repo.load_snapshot(later.id, include_virtual=False).relationships) == 1
    assert len(repo.list_virtual_relationships(schema.id)) == 2


def test_unknown_ids(metadata_session: Session) -> None:
    repo = SchemaRepository(metadata_session)
    with pytest.raises(RecordNotFoundError):
        repo.save_version(uuid.uuid4(), _snapshot())
    with pytest.raises(RecordNotFoundError):
        repo.load_snapshot(uuid.uuid4())
    assert repo.get_version(uuid.uuid4()) is None
