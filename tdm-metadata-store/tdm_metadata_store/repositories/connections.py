"""Source connections: the URL is kept encrypted; only non-secret parts are readable."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from tdm_metadata_store.crypto import SecretBox
from tdm_metadata_store.models import Connection
from tdm_metadata_store.repositories.base import DuplicateRecordError, Repository


def parse_connection_url(url: str) -> URL:
    """Parse a database URL; the error never repeats the URL (it may hold a password)."""
    try:
        return make_url(url)
    except ArgumentError as exc:
        raise ValueError("connection string is not a valid database URL") from exc


def display_url(row: Connection) -> str:
    """A URL for display built from the non-secret parts: never contains the password."""
    url = URL.create("postgresql", username=row.username, host=row.host, port=row.port, database=row.database)
    return url.render_as_string(hide_password=True)


class ConnectionRepository(Repository):
    """Source databases that discovery and subsetting read from."""

    def create(self, name: str, url: str, box: SecretBox, created_by: str | None = None) -> Connection:
        """Store a connection: the URL encrypted, host/port/database/user in clear for display."""
        parsed = parse_connection_url(url)
        if self.get_by_name(name) is not None:
            raise DuplicateRecordError("connection", name)
        row = Connection(
            name=name,
            type="postgres",
            connection_string_encrypted=box.encrypt(url),
            host=parsed.host,
            port=parsed.port,
            database=parsed.database,
            username=parsed.username,
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
