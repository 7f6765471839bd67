"""Ephemeral target schemas (provisioned with `ttl_hours`): dropping those whose time is up."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Protocol

import psycopg
from psycopg import sql
from sqlalchemy.orm import Session

from tdm_agents.provisioning import target
from tdm_agents.provisioning.errors import ProvisioningError
from tdm_metadata_store.crypto import SecretBox
from tdm_metadata_store.repositories.environments import EnvironmentRepository
from tdm_metadata_store.repositories.ephemeral_schemas import EphemeralSchemaRepository


class MetadataAccess(Protocol):
    """What the sweep needs of the platform: metadata transactions and the key to read target URLs."""

    def unit_of_work(self) -> AbstractContextManager[Session]: ...

    def require_secret_box(self) -> SecretBox: ...


def drop_expired_ephemeral_schemas(platform: MetadataAccess, now: datetime | None = None) -> int:
    """Drop every expired ephemeral schema in its environment's target; returns how many were dropped.

    A target that cannot be reached is skipped (and tried again on the next sweep).
    """
    dropped = 0
    for ephemeral_id, environment_id, schema_name in _expired(platform, now):
        try:
            with platform.unit_of_work() as session:
                url = EnvironmentRepository(session).get_url(environment_id, platform.require_secret_box())
            if url is not None:
                _drop_schema(url, schema_name)
        except (ProvisioningError, psycopg.Error):
            continue
        with platform.unit_of_work() as session:
            dropped += EphemeralSchemaRepository(session).mark_dropped(ephemeral_id)
    return dropped


def _expired(platform: MetadataAccess, now: datetime | None) -> Iterator[tuple[uuid.UUID, uuid.UUID, str]]:
    with platform.unit_of_work() as session:
        rows = [
            (r.id, r.environment_id, r.schema_name) for r in EphemeralSchemaRepository(session).expired(now)
        ]
    yield from rows


def _drop_schema(url: str, schema_name: str) -> None:
    with target.connect(url) as conn:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema_name)))
        conn.commit()
