"""Target environments (QA, SIT, UAT, Perf, Dev, custom) with an encrypted target connection."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from tdm_metadata_store.crypto import SecretBox
from tdm_metadata_store.models import Environment
from tdm_metadata_store.repositories.base import DuplicateRecordError, Repository
from tdm_metadata_store.repositories.connections import libpq_parts

# Distinguishes "leave unchanged" from an explicit None in update().
UNCHANGED: Any = object()


class EnvironmentRepository(Repository):
    """Environments that datasets are provisioned into."""

    def create(
        self,
        name: str,
        *,
        connection_url: str | None = None,
        box: SecretBox | None = None,
        description: str | None = None,
        config: dict[str, Any] | None = None,
    ) -> Environment:
        """Create an environment; a connection URL requires a box to encrypt it."""
        if self.get_by_name(name) is not None:
            raise DuplicateRecordError("environment", name)
        row = Environment(name=name, description=description, config_json=dict(config or {}))
        row.connection_string_encrypted = _encrypt_url(connection_url, box)
        self.session.add(row)
        self.session.flush()
        return row

    def get(self, environment_id: uuid.UUID) -> Environment | None:
        """The environment with this id, or None."""
        return self.session.get(Environment, environment_id)

    def get_by_name(self, name: str) -> Environment | None:
        """The environment with this name, or None."""
        return self.session.scalar(select(Environment).where(Environment.name == name))

    def list(self) -> Sequence[Environment]:
        """All environments by name."""
        return self.session.scalars(select(Environment).order_by(Environment.name)).all()

    def update(
        self,
        environment_id: uuid.UUID,
        *,
        description: str | None = UNCHANGED,
        config: dict[str, Any] | None = UNCHANGED,
        connection_url: str | None = UNCHANGED,
        box: SecretBox | None = None,
    ) -> Environment:
        """Change the given fields only; config replaces the whole config_json."""
        row = self._existing(Environment, environment_id, "environment")
        if description is not UNCHANGED:
            row.description = description
        if config is not UNCHANGED:
            row.config_json = dict(config or {})
        if connection_url is not UNCHANGED:
            row.connection_string_encrypted = _encrypt_url(connection_url, box)
        self.session.flush()
        return row

    def delete(self, environment_id: uuid.UUID) -> bool:
        """Delete an environment (its webhooks and ephemeral schemas go with it); True when it existed."""
        return self._delete(Environment, environment_id)

    def get_url(self, environment_id: uuid.UUID, box: SecretBox) -> str | None:
        """The plaintext target URL, for the provisioning agent only; None when none is set."""
        row = self._existing(Environment, environment_id, "environment")
        if row.connection_string_encrypted is None:
            return None
        return box.decrypt(row.connection_string_encrypted)

    def rotate_all(self, box: SecretBox) -> int:
        """Re-encrypt every stored target URL with the primary key; returns how many were rewritten."""
        rows = self.session.scalars(
            select(Environment).where(Environment.connection_string_encrypted.is_not(None)).with_for_update()
        ).all()
        for row in rows:
            row.connection_string_encrypted = box.rotate(row.connection_string_encrypted or "")
        self.session.flush()
        return len(rows)


def _encrypt_url(url: str | None, box: SecretBox | None) -> str | None:
    if url is None:
        return None
    if box is None:
        raise ValueError("an encryption key is required to store a connection string")
    libpq_parts(url)  # a ValueError for a string libpq cannot read, which never repeats it
    return box.encrypt(url)
