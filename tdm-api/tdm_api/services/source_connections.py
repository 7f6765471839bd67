"""Source connection strings as the API takes them: checked (422 naming the part that is wrong),
never pointing at the platform's own metadata database, and stored encrypted."""

from __future__ import annotations

import hashlib

from tdm_agents.common.source_db import (
    SourceAddress,
    SourceUrlError,
    describe,
    reaches_session_database,
    same_database,
    session_identity,
)
from tdm_api.dependencies import Principal, UnitOfWork, audit, secret_box
from tdm_api.errors import Invalid
from tdm_api.runtime import ApiRuntime
from tdm_metadata_store.models import Connection
from tdm_metadata_store.repositories.connections import ConnectionParts, ConnectionRepository

METADATA_REFUSED = (
    "This connection points at the platform's own metadata database, which cannot be used as a "
    "source; register a copy or another database."
)


def source_address(url: str, field: str = "connection_string") -> SourceAddress:
    """Where `url` points; 422 naming what is wrong with it (never quoting it)."""
    try:
        return describe(url)
    except SourceUrlError as exc:
        raise Invalid(f"{field}: {exc}", field=field) from None


def checked_source(uow: UnitOfWork, url: str, field: str = "connection_string") -> SourceAddress:
    """`source_address`, and 422 when it is the metadata database itself."""
    address = source_address(url, field)
    if same_database(address, session_identity(uow.session)):
        raise Invalid(METADATA_REFUSED, field=field)
    return address


def parts_of(address: SourceAddress) -> ConnectionParts:
    """What the metadata store keeps in clear of a checked address."""
    return ConnectionParts(
        host=address.host, port=address.port, database=address.database, username=address.user
    )


def inline_connection(
    uow: UnitOfWork, runtime: ApiRuntime, principal: Principal, url: str, via: str
) -> Connection:
    """The stored connection for a connection string given inline to a job (the same string always
    maps to the same connection); 422 for a bad string or the metadata database."""
    address = checked_source(uow, url)
    digest = hashlib.sha256(url.encode()).hexdigest()[:8]
    host = (address.host or "local").split(",")[0].strip("/").replace("/", "_")
    name = f"{host[:100]}-{address.database[:100]}-{digest}"
    connections = ConnectionRepository(uow.session)
    existing = connections.get_by_name(name)
    if existing is not None:
        return existing
    connection = connections.create(
        name, url, secret_box(runtime), created_by=principal.name, parts=parts_of(address)
    )
    audit(uow, principal, "connection.create", "connection", connection.id, {"name": name, "via": via})
    return connection


def refuse_stored_metadata_source(uow: UnitOfWork, url: str, field: str = "connection_id") -> None:
    """For connections stored before these checks: 422 when one reaches the metadata database."""
    if reaches_session_database(uow.session, url):
        raise Invalid(METADATA_REFUSED, field=field)
