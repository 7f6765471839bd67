"""Source connections: the URL is kept encrypted; only non-secret parts are readable."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

import psycopg
from psycopg.conninfo import conninfo_to_dict
from sqlalchemy import select

from tdm_metadata_store.crypto import SecretBox
from tdm_metadata_store.models import Connection
from tdm_metadata_store.repositories.base import DuplicateRecordError, Repository


@dataclass(frozen=True)
class ConnectionParts:
    """The non-secret parts of a connection string, kept in clear for display and listing."""

    host: str | None  # libpq's host list (`a,b`), socket directories included; None = default socket
    port: int | None
    database: str | None
    username: str | None


def libpq_parts(url: str) -> ConnectionParts:
    """The parts of any string libpq accepts (URL or key=value); the error never repeats the string."""
    base = url.replace("+psycopg2://", "://", 1).replace("+psycopg://", "://", 1)
    try:
        params = conninfo_to_dict(base)
    except psycopg.ProgrammingError:
        raise ValueError("connection string is not a valid libpq connection string") from None
    port = str(params.get("port") or "").split(",")[0]
    return ConnectionParts(
        host=str(params["host"]) if params.get("host") else None,
        port=int(port) if port.isdigit() else None,
        database=str(params["dbname"]) if params.get("dbname") else None,
        username=str(params["user"]) if params.get("user") else None,
    )


def display_url(row: Connection | ConnectionParts) -> str:
    """A libpq URL for display built from the non-secret parts: never contains the password.

    Socket directories are percent-encoded in the host part, as libpq reads them."""
    port = f":{row.port}" if row.port else ""
    hosts = [h for h in (row.host or "").split(",") if h]
    netloc = ",".join(_display_host(h) + port for h in hosts)
    user = f"{quote(row.username, safe='')}@" if row.username else ""
    return f"postgresql://{user}{netloc}/{quote(row.database or '', safe='')}"


def _display_host(host: str) -> str:
    if ":" in host and not host.startswith("/"):
        return f"[{host}]"  # an IPv6 literal
    return quote(host, safe="")


class ConnectionRepository(Repository):
    """Source databases that discovery and subsetting read from."""

    def create(
        self,
        name: str,
        url: str,
        box: SecretBox,
        created_by: str | None = None,
        parts: ConnectionParts | None = None,
    ) -> Connection:
        """Store a connection: the string encrypted, host/port/database/user in clear for display.

        `parts` come from the caller's own validation; without them libpq's parser supplies them."""
        parts = parts or libpq_parts(url)
        if self.get_by_name(name) is not None:
            raise DuplicateRecordError("connection", name)
        row = Connection(
            name=name,
            type="postgres",
            connection_string_encrypted=box.encrypt(url),
            host=(parts.host or "")[:255] or None,
            port=parts.port,
            database=parts.database,
            username=parts.username,
            created_by=created_by,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def get(self, connection_id: uuid.UUID) -> Connection | None:
        """The connection with this id, or None."""
        return self.session.get(Connection, connection_id)

    def get_by_name(self, name: str) -> Connection | None:
        """The connection with this name, or None."""
        return self.session.scalar(select(Connection).where(Connection.name == name))

    def list(self) -> Sequence[Connection]:
        """All connections by name (their URLs stay encrypted)."""
        return self.session.scalars(select(Connection).order_by(Connection.name)).all()

    def get_url(self, connection_id: uuid.UUID, box: SecretBox) -> str:
        """The plaintext URL, for agents that connect; never for API responses or logs."""
        row = self._existing(Connection, connection_id, "connection")
        return box.decrypt(row.connection_string_encrypted)

    def delete(self, connection_id: uuid.UUID) -> bool:
        """Delete a connection; True when it existed."""
        return self._delete(Connection, connection_id)

    def rotate_all(self, box: SecretBox) -> int:
        """Re-encrypt every stored URL with the primary key; returns how many were rewritten."""
        rows = self.session.scalars(select(Connection).with_for_update()).all()
        for row in rows:
            row.connection_string_encrypted = box.rotate(row.connection_string_encrypted)
        self.session.flush()
        return len(rows)
