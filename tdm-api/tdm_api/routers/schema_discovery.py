"""Discovery jobs, discovered schemas, their versions, drift, and user-defined keys."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Query, status

from tdm_agents.schema_discovery.diff import diff_snapshots
from tdm_api.dependencies import Operator, RuntimeDep, UowDep, Viewer, audit, parse_uuid, secret_box
from tdm_api.errors import Invalid, NotFound
from tdm_api.models.common import INTEGER_MAX, PROBLEM_RESPONSES, JobAccepted
from tdm_api.models.drift_gate import DriftGateOut
from tdm_api.models.schema_discovery import (
    DiscoverRequest,
    SchemaDetail,
    SchemaSummary,
    SchemaVersionOut,
    VirtualRelationshipCreate,
    VirtualRelationshipOut,
)
from tdm_api.services.drift_gate import schema_drift_gate
from tdm_api.services.orchestrator_client import submit_job
from tdm_api.services.source_connections import inline_connection, refuse_stored_metadata_source
from tdm_metadata_store.key_types import relationship_mismatches
from tdm_metadata_store.repositories.connections import ConnectionRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository
from tdm_metadata_store.snapshot import RelationshipInfo
from tdm_orchestrator.contract import Operation

router = APIRouter(tags=["schemas"], responses=PROBLEM_RESPONSES)


def _summary(repo: SchemaRepository, schema) -> SchemaSummary:
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


def _version_out(v) -> SchemaVersionOut:
    return SchemaVersionOut(
        id=v.id,
        schema_id=v.schema_id,
        version_number=v.version_number,
        fingerprint=v.fingerprint,
        status=v.status,
        discovered_at=v.discovered_at,
        job_id=v.job_id,
        table_count=v.table_count,
        column_count=v.column_count,
    )


@router.post(
    "/discover-schema",
    operation_id="discoverSchema",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Start a schema discovery job",
)
def discover_schema(
    body: DiscoverRequest, uow: UowDep, runtime: RuntimeDep, principal: Operator
) -> JobAccepted:
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


@router.get("/schemas", operation_id="listSchemas", summary="List discovered schemas")
def list_schemas(uow: UowDep, _: Viewer) -> list[SchemaSummary]:
    repo = SchemaRepository(uow.session)
    return [_summary(repo, s) for s in repo.list_schemas()]


def _schema_or_404(repo: SchemaRepository, schema_id: str):
    schema = repo.get_schema(parse_uuid(schema_id, "schema_id"))
    if schema is None:
        raise NotFound("No schema with this id.")
    return schema


def _version(repo: SchemaRepository, schema, number: int | None):
    version = (
        repo.latest_version(schema.id) if number is None else repo.get_version_by_number(schema.id, number)
    )
    if version is None:
        raise NotFound("This schema has no such version." if number else "This schema has no version yet.")
    return version


@router.get(
    "/schema/{schema_id}",
    operation_id="getSchema",
    summary="A schema with its latest (or a given) version: tables, columns, keys, stats",
)
def get_schema(
    schema_id: str,
    uow: UowDep,
    _: Viewer,
    version: int | None = Query(None, ge=1, le=INTEGER_MAX, description="Version number (default: latest)"),
) -> SchemaDetail:
    repo = SchemaRepository(uow.session)
    schema = _schema_or_404(repo, schema_id)
    v = _version(repo, schema, version)
    snapshot = repo.load_snapshot(v.id).model_dump(mode="json")
    return SchemaDetail(schema=_summary(repo, schema), version=_version_out(v), snapshot=snapshot)


@router.get(
    "/schema/{schema_id}/versions",
    operation_id="listSchemaVersions",
    summary="A schema's versions, newest first",
)
def list_versions(schema_id: str, uow: UowDep, _: Viewer) -> list[SchemaVersionOut]:
    repo = SchemaRepository(uow.session)
    schema = _schema_or_404(repo, schema_id)
    return [_version_out(v) for v in repo.list_versions(schema.id)]


@router.get(
    "/schema/{schema_id}/diff",
    operation_id="diffSchemaVersions",
    summary="Drift between two versions: added, removed and changed tables, columns and keys",
)
def diff_versions(
    schema_id: str,
    uow: UowDep,
    _: Viewer,
    from_: int = Query(..., alias="from", ge=1, le=INTEGER_MAX),
    to: int = Query(..., ge=1, le=INTEGER_MAX),
) -> dict[str, Any]:
    repo = SchemaRepository(uow.session)
    schema = _schema_or_404(repo, schema_id)
    old, new = _version(repo, schema, from_), _version(repo, schema, to)
    diff = diff_snapshots(
        repo.load_snapshot(old.id, include_virtual=False), repo.load_snapshot(new.id, include_virtual=False)
    )
    return {"schema_id": str(schema.id), "from": from_, "to": to, **diff.model_dump(mode="json")}


@router.get(
    "/schema/{schema_id}/drift-gate",
    operation_id="getSchemaDriftGate",
    summary="Whether mask and provision jobs may run: new or changed columns without a rule or a review",
)
def get_drift_gate(
    schema_id: str,
    uow: UowDep,
    _: Viewer,
    rule_set_id: uuid.UUID | None = Query(None, description="Baseline: this rule set's schema version"),
    from_: int | None = Query(None, alias="from", ge=1, le=2**31 - 1, description="Baseline version number"),
) -> DriftGateOut:
    """The baseline is the given rule set's version, or `from`, or the newest rule set's, else the one before."""
    schema = _schema_or_404(SchemaRepository(uow.session), schema_id)
    return schema_drift_gate(uow.session, schema, rule_set_id, from_)


@router.get(
    "/schema/{schema_id}/relationships",
    operation_id="listVirtualRelationships",
    summary="User-defined keys of a schema",
)
def list_virtual(schema_id: str, uow: UowDep, _: Viewer) -> list[VirtualRelationshipOut]:
    repo = SchemaRepository(uow.session)
    schema = _schema_or_404(repo, schema_id)
    return [
        VirtualRelationshipOut.model_validate(r, from_attributes=True)
        for r in repo.list_virtual_relationships(schema.id)
    ]


@router.post(
    "/schema/{schema_id}/relationships",
    operation_id="addVirtualRelationship",
    status_code=status.HTTP_201_CREATED,
    summary="Add a user-defined foreign key or primary key",
)
def add_virtual(
    schema_id: str, body: VirtualRelationshipCreate, uow: UowDep, principal: Operator
) -> VirtualRelationshipOut:
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


def _checked_table(snapshot, ref: str, columns: list[str], side: str):
    table = snapshot.table(ref)
    if table is None:
        raise Invalid(f"Unknown table {ref[:100]!r} in the latest version.", field=f"{side}_table")
    for col in columns:
        if table.column(col) is None:
            raise Invalid(f"Table {table.key} has no column {col[:100]!r}.", field=f"{side}_columns")
    return table


def _check_column_types(snapshot, child, child_columns: list[str], parent, parent_columns: list[str]) -> None:
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


@router.delete(
    "/schema/{schema_id}/relationships/{relationship_id}",
    operation_id="deleteVirtualRelationship",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a user-defined key",
)
def delete_virtual(schema_id: str, relationship_id: str, uow: UowDep, principal: Operator) -> None:
    repo = SchemaRepository(uow.session)
    schema = _schema_or_404(repo, schema_id)
    rid = parse_uuid(relationship_id, "relationship_id")
    if not any(r.id == rid for r in repo.list_virtual_relationships(schema.id)):
        raise NotFound("No user-defined key with this id on this schema.")
    repo.delete_virtual_relationship(rid)
    audit(uow, principal, "schema.relationship.delete", "schema", schema.id, {"id": str(rid)})
