"""What the API process holds for its lifetime: database engine, Redis clients, dataset store."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from redis import Redis
from redis.asyncio import Redis as AsyncRedis
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from tdm_api.settings import ApiSettings
from tdm_cache.client import async_client, sync_client
from tdm_cache.settings import CacheSettings
from tdm_dataset_store import DatasetStore, DatasetStoreSettings, open_store
from tdm_metadata_store.crypto import SecretBox
from tdm_metadata_store.db import make_engine, make_session_factory
from tdm_metadata_store.settings import MetadataStoreSettings


@dataclass
class ApiRuntime:
    settings: ApiSettings
    engine: Engine
    session_factory: sessionmaker[Session]
    redis: Redis
    redis_async: AsyncRedis
    dataset_store: DatasetStore
    secret_box: SecretBox | None

    @classmethod
    def from_settings(
        cls,
        api: ApiSettings,
        meta: MetadataStoreSettings,
        cache: CacheSettings,
        datasets: DatasetStoreSettings,
    ) -> ApiRuntime:
        # Handlers run in a 40-thread pool; keep enough connections that they rarely wait for one.
        engine = make_engine(
            meta.database_url, pool_size=max(meta.pool_size, 10), max_overflow=max(meta.max_overflow, 30)
        )
        keys = meta.encryption_key_list()
        return cls(
            settings=api,
            engine=engine,
            session_factory=make_session_factory(engine),
            redis=sync_client(cache.redis_url),
            redis_async=async_client(cache.redis_url),
            dataset_store=open_store(datasets),
            secret_box=SecretBox.from_keys(keys) if keys else None,
        )

    @cached_property
    def autocommit_sessions(self) -> sessionmaker[Session]:
        """Sessions whose statements commit one by one, for reads that need no transaction (no
        BEGIN and COMMIT round trips) and single-row writes; same pool as `session_factory`."""
        return make_session_factory(self.engine.execution_options(isolation_level="AUTOCOMMIT"))

    async def aclose(self) -> None:
        self.engine.dispose()
        self.redis.close()
        await self.redis_async.aclose()
