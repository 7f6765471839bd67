"""What a subset request refers to, checked before any job starts: its schema version, its source
connection, and the request itself against the version's snapshot (422 naming every field)."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

from tdm_agents.subsetting import ResolvedRequest, SubsetRequest, SubsetValidationError, validate_request
from tdm_api.dependencies import Principal, UnitOfWork, audit, parse_uuid, secret_box
from tdm_api.errors import Invalid, NotFound
from tdm_api.models.subset import SubsetJobRequest
from tdm_api.runtime import ApiRuntime
from tdm_metadata_store.models import Connection, SchemaVersion
from tdm_metadata_store.repositories.connections import ConnectionRepository, parse_connection_url
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


def stored_connection(uow: UnitOfWork, runtime: ApiRuntime, principal: Principal, url: str) -> Connection:
    """The connection for an inline URL, stored encrypted (the same URL always maps to the same one)."""
    try:
        parsed = parse_connection_url(url)
    except ValueError as exc:
        raise Invalid("connection_string must be a postgresql:// URL.", field="connection_string") from exc
    digest = hashlib.sha256(url.encode()).hexdigest()[:8]
    name = f"{parsed.host or 'local'}-{parsed.database or 'db'}-{digest}"
    connections = ConnectionRepository(uow.session)
    existing = connections.get_by_name(name)
    if existing is not None:
        return existing
    connection = connections.create(name, url, secret_box(runtime), created_by=principal.name)
    audit(uow, principal, "connection.create", "connection", connection.id, {"name": name, "via": "subset"})
    return connection


def source_url(uow: UnitOfWork, runtime: ApiRuntime, body: SubsetJobRequest, source: SubsetSource) -> str:
    """The plaintext source URL for a synchronous plan: only handed to the driver, never logged."""
    if body.connection_string is not None:
        url = body.connection_string.get_secret_value()
        try:
            parse_connection_url(url)
        except ValueError as exc:
            raise Invalid(
                "connection_string must be a postgresql:// URL.", field="connection_string"
            ) from exc
        return url
    assert source.connection_id is not None
    return ConnectionRepository(uow.session).get_url(source.connection_id, secret_box(runtime))
