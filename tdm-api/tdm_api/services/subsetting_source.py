"""What a subset request refers to, checked before any job starts: its schema version, its source
connection, and the request itself against the version's snapshot (422 naming every field)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from tdm_agents.subsetting import ResolvedRequest, SubsetRequest, SubsetValidationError, validate_request
from tdm_api.dependencies import Principal, UnitOfWork, parse_uuid, secret_box
from tdm_api.errors import Conflict, Invalid, NotFound
from tdm_api.models.subsetting import SubsetJobRequest
from tdm_api.runtime import ApiRuntime
from tdm_api.services.source_connections import (
    checked_source,
    inline_connection,
    refuse_stored_metadata_source,
)
from tdm_metadata_store.key_types import IncompatibleKeyTypes, check_key_types
from tdm_metadata_store.models import SchemaVersion
from tdm_metadata_store.repositories.connections import ConnectionRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository
from tdm_metadata_store.snapshot import SchemaSnapshot


@dataclass
class SubsetSource:
    """A request resolved against its schema version: ready to plan or to submit."""

    version: SchemaVersion
    snapshot: SchemaSnapshot
    resolved: ResolvedRequest
    connection_id: uuid.UUID | None  # None only when the request carries a connection_string


def resolve_subset(uow: UnitOfWork, body: SubsetJobRequest) -> SubsetSource:
    """Check the schema version exists (404), the connection is known, and the request fits the snapshot."""
    repo = SchemaRepository(uow.session)
    version = repo.get_version(parse_uuid(body.schema_version_id, "schema_version_id"))
    if version is None:
        raise NotFound("No schema version with this id.", field="schema_version_id")
    snapshot = repo.load_snapshot(version.id)
    try:
        check_key_types(snapshot)  # the extraction would join across an incompatible user-defined key
    except IncompatibleKeyTypes as exc:
        raise Conflict(str(exc), field="schema_version_id") from None
    connection_id = _connection_id(uow, repo, version, body)
    resolved = validated(body, snapshot, connection_id)
    return SubsetSource(version=version, snapshot=snapshot, resolved=resolved, connection_id=connection_id)


def _connection_id(
    uow: UnitOfWork, repo: SchemaRepository, version: SchemaVersion, body: SubsetJobRequest
) -> uuid.UUID | None:
    if body.connection_string is not None:
        return None
    if body.connection_id is not None:
        connection_id = parse_uuid(body.connection_id, "connection_id")
        if ConnectionRepository(uow.session).get(connection_id) is None:
            raise NotFound("No connection with this id.", field="connection_id")
        return connection_id
    schema = repo.get_schema(version.schema_id)
    if schema is None or schema.source_connection_id is None:
        raise Invalid(
            "The schema has no source connection; give connection_id or connection_string.",
            field="connection_id",
        )
    return schema.source_connection_id


def validated(
    body: SubsetJobRequest, snapshot: SchemaSnapshot, connection_id: uuid.UUID | None
) -> ResolvedRequest:
    """The engine's own validation, its problems turned into one 422 listing each field."""
    fields = body.model_dump(exclude={"connection_id", "connection_string"})
    engine_request = SubsetRequest(**fields, connection_id=str(connection_id or "inline"))
    try:
        return validate_request(engine_request, snapshot)
    except SubsetValidationError as exc:
        first = exc.problems[0]
        raise Invalid(
            f"{first['field']}: {first['message']}", field=first["field"], errors=exc.problems
        ) from None


def job_connection_id(
    uow: UnitOfWork, runtime: ApiRuntime, principal: Principal, body: SubsetJobRequest, source: SubsetSource
) -> uuid.UUID:
    """The connection a job reads: an inline string is stored encrypted (the same string always maps
    to the same connection); 422 for a bad string or one reaching the metadata database."""
    if source.connection_id is None:
        url = body.connection_string.get_secret_value()  # type: ignore[union-attr]
        return inline_connection(uow, runtime, principal, url, via="subset").id
    url = ConnectionRepository(uow.session).get_url(source.connection_id, secret_box(runtime))
    refuse_stored_metadata_source(uow, url)
    return source.connection_id


def source_url(uow: UnitOfWork, runtime: ApiRuntime, body: SubsetJobRequest, source: SubsetSource) -> str:
    """The plaintext source string for a synchronous plan: only handed to the driver, never logged."""
    if body.connection_string is not None:
        url = body.connection_string.get_secret_value()
        checked_source(uow, url)
        return url
    assert source.connection_id is not None
    url = ConnectionRepository(uow.session).get_url(source.connection_id, secret_box(runtime))
    refuse_stored_metadata_source(uow, url)
    return url
