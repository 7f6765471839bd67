"""Discovered schemas: discovery jobs, versions and their drift, and user-defined keys."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from tdm_agents.schema_discovery.diff import diff_snapshots
from tdm_api.dependencies import Principal, UnitOfWork, audit, secret_box
from tdm_api.errors import Invalid, NotFound
from tdm_api.models.common import JobAccepted
from tdm_api.models.drift_gate import DriftGateOut
from tdm_api.models.schema_discovery import (
    DiscoverRequest,
    SchemaDetail,
    SchemaSummary,
    SchemaVersionOut,
    VirtualRelationshipCreate,
    VirtualRelationshipOut,
)
from tdm_api.runtime import ApiRuntime
from tdm_api.services.drift_gate import schema_drift_gate
from tdm_api.services.orchestrator_client import submit_job
from tdm_api.services.source_connections import inline_connection, refuse_stored_metadata_source
from tdm_metadata_store.key_types import relationship_mismatches
from tdm_metadata_store.models import Schema, SchemaVersion
from tdm_metadata_store.repositories.connections import ConnectionRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository
from tdm_metadata_store.snapshot import RelationshipInfo, SchemaSnapshot, TableInfo
from tdm_orchestrator.contract import Operation


def submit_discovery(
    uow: UnitOfWork, runtime: ApiRuntime, principal: Principal, body: DiscoverRequest
) -> JobAccepted:
    """A stored connection, or one made from the inline string; never the metadata database."""
    connections = ConnectionRepository(uow.session)
    if body.connection_id is not None:
        connection = connections.get(body.connection_id)
        if connection is None:
            raise NotFound("No connection with this id.", field="connection_id")
        refuse_stored_metadata_source(uow, connections.get_url(connection.id, secret_box(runtime)))
    else:
        url = body.connection_string.get_secret_value()  # type: ignore[union-attr]
        connection = inline_connection(uow, runtime, principal, url, via="discover")
    request: dict[str, Any] = body.model_dump(mode="json", exclude={"connection_string"})
    request["connection_id"] = str(connection.id)
    return submit_job(uow, runtime, principal, Operation.DISCOVER_SCHEMA, request)


def _summary(repo: SchemaRepository, schema: Schema) -> SchemaSummary:
    latest = repo.latest_version(schema.id)
    return SchemaSummary(
        id=schema.id,
        name=schema.name,
        description=schema.description,
        source_connection_id=schema.source_connection_id,
        latest_version=latest.version_number if latest else None,
        latest_version_id=latest.id if latest else None,
        created_at=schema.created_at,
    )


def list_schemas(session: Session) -> list[SchemaSummary]:
    repo = SchemaRepository(session)
    return [_summary(repo, s) for s in repo.list_schemas()]


def _schema_or_404(repo: SchemaRepository, schema_id: uuid.UUID) -> Schema:
    schema = repo.get_schema(schema_id)
    if schema is None:
        raise NotFound("No schema with this id.")
    return schema


def _version(repo: SchemaRepository, schema: Schema, number: int | None) -> SchemaVersion:
    version = (
        repo.latest_version(schema.id) if number is None else repo.get_version_by_number(schema.id, number)
    )
    if version is None:
        raise NotFound("This schema has no such version." if number else "This schema has no version yet.")
    return version


def schema_detail(session: Session, schema_id: uuid.UUID, number: int | None) -> SchemaDetail:
    repo = SchemaRepository(session)
    schema = _schema_or_404(repo, schema_id)
    v = _version(repo, schema, number)
    return SchemaDetail.model_validate(
        {
            "schema": _summary(repo, schema),
            "version": SchemaVersionOut.model_validate(v, from_attributes=True),
            "snapshot": repo.load_snapshot(v.id).model_dump(mode="json"),
        }
    )


def list_versions(session: Session, schema_id: uuid.UUID) -> list[SchemaVersionOut]:
    repo = SchemaRepository(session)
    schema = _schema_or_404(repo, schema_id)
    return [SchemaVersionOut.model_validate(v, from_attributes=True) for v in repo.list_versions(schema.id)]


def diff_versions(session: Session, schema_id: uuid.UUID, from_: int, to: int) -> dict[str, Any]:
    repo = SchemaRepository(session)
    schema = _schema_or_404(repo, schema_id)
    old, new = _version(repo, schema, from_), _version(repo, schema, to)
    diff = diff_snapshots(
        repo.load_snapshot(old.id, include_virtual=False), repo.load_snapshot(new.id, include_virtual=False)
    )
    return {"schema_id": str(schema.id), "from": from_, "to": to, **diff.model_dump(mode="json")}


def drift_gate(
    session: Session, schema_id: uuid.UUID, rule_set_id: uuid.UUID | None, from_: int | None
) -> DriftGateOut:
    schema = _schema_or_404(SchemaRepository(session), schema_id)
    return schema_drift_gate(session, schema, rule_set_id, from_)


def list_virtual(session: Session, schema_id: uuid.UUID) -> list[VirtualRelationshipOut]:
    repo = SchemaRepository(session)
    schema = _schema_or_404(repo, schema_id)
    return [
        VirtualRelationshipOut.model_validate(r, from_attributes=True)
        for r in repo.list_virtual_relationships(schema.id)
    ]


def add_virtual(
    uow: UnitOfWork, principal: Principal, schema_id: uuid.UUID, body: VirtualRelationshipCreate
) -> VirtualRelationshipOut:
    """Checked against the latest version: tables and columns exist, key types can hold each other."""
    repo = SchemaRepository(uow.session)
    schema = _schema_or_404(repo, schema_id)
    snapshot = repo.load_snapshot(_version(repo, schema, None).id)
    child = _checked_table(snapshot, body.child_table, body.child_columns, "child")
    parent = None
    if body.kind == "foreign_key":
        parent = _checked_table(snapshot, body.parent_table or "", body.parent_columns, "parent")
        _check_column_types(snapshot, child, body.child_columns, parent, body.parent_columns)
    row = repo.add_virtual_relationship(
        schema.id,
        kind=body.kind,
        child_schema=child.schema_name,
        child_table=child.name,
        child_columns=body.child_columns,
        parent_schema=parent.schema_name if parent else None,
        parent_table=parent.name if parent else None,
        parent_columns=body.parent_columns,
        created_by=principal.name,
    )
    audit(
        uow,
        principal,
        "schema.relationship.add",
        "schema",
        schema.id,
        {"kind": body.kind, "child_table": child.key, "parent_table": parent.key if parent else None},
    )
    return VirtualRelationshipOut.model_validate(row, from_attributes=True)


def _checked_table(snapshot: SchemaSnapshot, ref: str, columns: list[str], side: str) -> TableInfo:
    table = snapshot.table(ref)
    if table is None:
        raise Invalid(f"Unknown table {ref[:100]!r} in the latest version.", field=f"{side}_table")
    for col in columns:
        if table.column(col) is None:
            raise Invalid(f"Table {table.key} has no column {col[:100]!r}.", field=f"{side}_columns")
    return table


def _check_column_types(
    snapshot: SchemaSnapshot,
    child: TableInfo,
    child_columns: list[str],
    parent: TableInfo,
    parent_columns: list[str],
) -> None:
    """422 naming both columns and types when a key column cannot hold the referenced values."""
    candidate = RelationshipInfo(
        child_schema=child.schema_name, child_table=child.name, child_columns=child_columns,
        parent_schema=parent.schema_name, parent_table=parent.name, parent_columns=parent_columns,
    )  # fmt: skip
    mismatches = relationship_mismatches(snapshot, candidate)
    if mismatches:
        raise Invalid(
            " ".join(m.message() for m in mismatches),
            field="parent_columns",
            errors=[{"field": "parent_columns", "message": m.message()} for m in mismatches],
        )


def delete_virtual(
    uow: UnitOfWork, principal: Principal, schema_id: uuid.UUID, relationship_id: uuid.UUID
) -> None:
    repo = SchemaRepository(uow.session)
    schema = _schema_or_404(repo, schema_id)
    if not any(r.id == relationship_id for r in repo.list_virtual_relationships(schema.id)):
        raise NotFound("No user-defined key with this id on this schema.")
    repo.delete_virtual_relationship(relationship_id)
    audit(uow, principal, "schema.relationship.delete", "schema", schema.id, {"id": str(relationship_id)})
