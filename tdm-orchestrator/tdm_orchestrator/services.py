"""The platform services a worker's nodes use, built once per worker process from settings."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import redis
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from tdm_agents.common.source_db import connects_to_session_database, reaches_session_database
from tdm_cache.client import sync_client
from tdm_cache.settings import CacheSettings
from tdm_dataset_store import DatasetStore, DatasetStoreSettings, open_store
from tdm_metadata_store.crypto import SecretBox
from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
from tdm_metadata_store.repositories.connections import ConnectionRepository
from tdm_metadata_store.settings import MetadataStoreSettings
from tdm_orchestrator.errors import PermanentJobError


@dataclass
class Services:
    engine: Engine
    session_factory: sessionmaker[Session]
    redis: redis.Redis
    dataset_store: DatasetStore
    secret_box: SecretBox | None
    database_url: str
    extras: dict = field(default_factory=dict)

    @classmethod
    def from_settings(
        cls,
        meta: MetadataStoreSettings,
        cache: CacheSettings,
        datasets: DatasetStoreSettings,
        pool_size: int = 5,
    ) -> Services:
        engine = make_engine(meta.database_url, pool_size=pool_size, max_overflow=pool_size)
        keys = meta.encryption_key_list()
        return cls(
            engine=engine,
            session_factory=make_session_factory(engine),
            redis=sync_client(cache.redis_url),
            dataset_store=open_store(datasets),
            secret_box=SecretBox.from_keys(keys) if keys else None,
            database_url=meta.database_url,
        )

    @property
    def libpq_database_url(self) -> str:
        """The metadata database URL without the SQLAlchemy driver suffix (for psycopg/libpq)."""
        return make_url(self.database_url).set(drivername="postgresql").render_as_string(hide_password=False)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        with unit_of_work(self.session_factory) as session:
            yield session

    def require_secret_box(self) -> SecretBox:
        if self.secret_box is None:
            raise PermanentJobError(
                "No encryption key is configured (TDM_ENCRYPTION_KEYS); "
                "stored connections cannot be decrypted."
            )
        return self.secret_box

    def connection_url(self, connection_id: str) -> str:
        """The decrypted URL of a stored connection — only for handing to an agent, never to log."""
        with self.unit_of_work() as session:
            url = ConnectionRepository(session).get_url(uuid.UUID(connection_id), self.require_secret_box())
            if reaches_session_database(session, url) or connects_to_session_database(session, url):
                # Stored before the API refused such connections: never read the platform's own data.
                raise PermanentJobError(
                    "The connection points at the platform's own metadata database, which cannot be "
                    "used as a source."
                )
        return url

    def close(self) -> None:
        self.engine.dispose()
        self.redis.close()
