"""Discovery jobs, discovered schemas, their versions, drift, and user-defined keys."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Query, status

from tdm_api.dependencies import Operator, RuntimeDep, UowDep, Viewer
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
from tdm_api.services import schema_discovery

router = APIRouter(tags=["schemas"], responses=PROBLEM_RESPONSES)


@router.post(
    "/discover-schema",
    operation_id="discoverSchema",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Start a schema discovery job",
)
def discover_schema(
    body: DiscoverRequest, uow: UowDep, runtime: RuntimeDep, principal: Operator
) -> JobAccepted:
    return schema_discovery.submit_discovery(uow, runtime, principal, body)


@router.get("/schemas", operation_id="listSchemas", summary="List discovered schemas")
def list_schemas(uow: UowDep, _: Viewer) -> list[SchemaSummary]:
    return schema_discovery.list_schemas(uow.session)


@router.get(
    "/schema/{schema_id}",
    operation_id="getSchema",
    summary="A schema with its latest (or a given) version: tables, columns, keys, stats",
)
def get_schema(
    schema_id: uuid.UUID,
    uow: UowDep,
    _: Viewer,
    version: int | None = Query(None, ge=1, le=INTEGER_MAX, description="Version number (default: latest)"),
) -> SchemaDetail:
    return schema_discovery.schema_detail(uow.session, schema_id, version)


@router.get(
    "/schema/{schema_id}/versions",
    operation_id="listSchemaVersions",
    summary="A schema's versions, newest first",
)
def list_versions(schema_id: uuid.UUID, uow: UowDep, _: Viewer) -> list[SchemaVersionOut]:
    return schema_discovery.list_versions(uow.session, schema_id)


@router.get(
    "/schema/{schema_id}/diff",
    operation_id="diffSchemaVersions",
    summary="Drift between two versions: added, removed and changed tables, columns and keys",
)
def diff_versions(
    schema_id: uuid.UUID,
    uow: UowDep,
    _: Viewer,
    from_: int = Query(..., alias="from", ge=1, le=INTEGER_MAX),
    to: int = Query(..., ge=1, le=INTEGER_MAX),
) -> dict[str, Any]:
    return schema_discovery.diff_versions(uow.session, schema_id, from_, to)


@router.get(
    "/schema/{schema_id}/drift-gate",
    operation_id="getSchemaDriftGate",
    summary="Whether mask and provision jobs may run: new or changed columns without a rule or a review",
)
def get_drift_gate(
    schema_id: uuid.UUID,
    uow: UowDep,
    _: Viewer,
    rule_set_id: uuid.UUID | None = Query(None, description="Baseline: this rule set's schema version"),
    from_: int | None = Query(None, alias="from", ge=1, le=2**31 - 1, description="Baseline version number"),
) -> DriftGateOut:
    """The baseline is the given rule set's version, or `from`, or the newest rule set's, else the one before."""
    return schema_discovery.drift_gate(uow.session, schema_id, rule_set_id, from_)


@router.get(
    "/schema/{schema_id}/relationships",
    operation_id="listVirtualRelationships",
    summary="User-defined keys of a schema",
)
def list_virtual(schema_id: uuid.UUID, uow: UowDep, _: Viewer) -> list[VirtualRelationshipOut]:
    return schema_discovery.list_virtual(uow.session, schema_id)


@router.post(
    "/schema/{schema_id}/relationships",
    operation_id="addVirtualRelationship",
    status_code=status.HTTP_201_CREATED,
    summary="Add a user-defined foreign key or primary key",
)
def add_virtual(
    schema_id: uuid.UUID, body: VirtualRelationshipCreate, uow: UowDep, principal: Operator
) -> VirtualRelationshipOut:
    return schema_discovery.add_virtual(uow, principal, schema_id, body)


@router.delete(
    "/schema/{schema_id}/relationships/{relationship_id}",
    operation_id="deleteVirtualRelationship",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a user-defined key",
)
def delete_virtual(
    schema_id: uuid.UUID, relationship_id: uuid.UUID, uow: UowDep, principal: Operator
) -> None:
    schema_discovery.delete_virtual(uow, principal, schema_id, relationship_id)
