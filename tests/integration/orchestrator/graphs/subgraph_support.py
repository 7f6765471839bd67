"""Running one agent subgraph against a real metadata store, with the agent's entry point recorded.

Each subgraph test seeds the rows its first nodes check (a connection, a schema version, a ready
dataset version, an environment), compiles the subgraph with an in-memory checkpointer and runs it
with a job's state until the patched entry point is reached: the arguments it got are the proof
that every option of the step's input arrived.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pyarrow as pa
import pytest
from langgraph.checkpoint.memory import InMemorySaver

from tdm_cache.settings import CacheSettings
from tdm_dataset_store import DatasetStoreSettings
from tdm_metadata_store.crypto import SecretBox, generate_key
from tdm_metadata_store.repositories.connections import ConnectionRepository
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_metadata_store.repositories.environments import EnvironmentRepository
from tdm_metadata_store.repositories.jobs import JobRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository
from tdm_metadata_store.settings import MetadataStoreSettings
from tdm_metadata_store.snapshot import ColumnInfo, SchemaSnapshot, TableInfo
from tdm_orchestrator.context import JobContext
from tdm_orchestrator.hooks import WorkerJobHooks
from tdm_orchestrator.services import Services

# Nothing listens on port 1: a source or target nobody reaches (the recorded call stops the run first).
UNREACHABLE = "postgresql://tdm@127.0.0.1:1/"


class Reached(Exception):
    """Raised by a recorded entry point: the run stops where the options were handed over."""


class Recorder:
    """Stands in for an agent's entry point: remembers its arguments, then stops the run."""

    def __init__(self, result: Any = Reached) -> None:
        self.calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
        self._result = result

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls.append((args, kwargs))
        if self._result is Reached:
            raise Reached
        return self._result

    @property
    def args(self) -> tuple[Any, ...]:
        assert self.calls, "the entry point was not reached"
        return self.calls[-1][0]

    @property
    def kwargs(self) -> dict[str, Any]:
        assert self.calls, "the entry point was not reached"
        return self.calls[-1][1]


@pytest.fixture
def services(metadata_db_url: str, redis_url: str, tmp_path) -> Iterator[Services]:
    svc = Services.from_settings(
        MetadataStoreSettings(DATABASE_URL=metadata_db_url),
        CacheSettings(REDIS_URL=redis_url),
        DatasetStoreSettings(TDM_DATASET_DIR=str(tmp_path / "datasets")),
    )
    svc.secret_box = SecretBox.from_keys([generate_key()])
    yield svc
    svc.close()


def customers_snapshot() -> SchemaSnapshot:
    columns = [
        ColumnInfo(
            name="id", data_type="bigint", type_category="integer", nullable=False, ordinal_position=1
        ),
        ColumnInfo(name="email", data_type="text", type_category="string", ordinal_position=2),
    ]
    table = TableInfo(schema_name="public", name="customers", columns=columns, primary_key=["id"])
    return SchemaSnapshot(schemas=["public"], tables=[table])


def seed_schema(services: Services) -> tuple[str, str]:
    """(connection id, schema version id) of a discovered `customers` table."""
    with services.unit_of_work() as session:
        connection = ConnectionRepository(session).create(
            "src", UNREACHABLE + "src", services.require_secret_box()
        )
        schemas = SchemaRepository(session)
        schema = schemas.get_or_create_schema("src", connection.id)
        version = schemas.save_version(schema.id, customers_snapshot())
        return str(connection.id), str(version.id)


def seed_dataset(services: Services, schema_version_id: str | None, source_type: str = "masked") -> str:
    """A ready dataset version of `customers` (two rows) with its manifest."""
    version_id = uuid.uuid4()
    rows = pa.table({"id": pa.array([1, 2], pa.int64()), "email": ["a@example.com", "b@example.com"]})
    info = services.dataset_store.write_table(version_id, "customers", rows.to_batches(), rows.schema)
    services.dataset_store.write_manifest(version_id, {"customers": info})
    with services.unit_of_work() as session:
        repo = DatasetRepository(session)
        repo.create(
            version_id,
            source_type=source_type,
            path_prefix=f"datasets/{version_id}/",
            schema_version_id=uuid.UUID(schema_version_id) if schema_version_id else None,
        )
        repo.set_status(version_id, "ready", row_count=2)
    return str(version_id)


def seed_environment(services: Services, name: str = "QA", config: dict[str, Any] | None = None) -> str:
    with services.unit_of_work() as session:
        env = EnvironmentRepository(session).create(
            name, connection_url=UNREACHABLE + "target", box=services.require_secret_box(), config=config
        )
        return str(env.id)


def run_subgraph(
    services: Services, build: Callable[[], Any], operation: str, request: dict[str, Any], **state: Any
) -> dict[str, Any]:
    """Run the step's subgraph on a job's state; its final values, or {} when a recorder stopped it."""
    with services.unit_of_work() as session:
        job_id = str(JobRepository(session).create(operation, request).id)
    graph = build()
    graph.checkpointer = InMemorySaver()
    context = JobContext(job_id=job_id, services=services, hooks=WorkerJobHooks(job_id, services))
    try:
        return dict(
            graph.invoke(
                {"operation": operation, "request": request, **state},
                {"configurable": {"thread_id": job_id}},
                context=context,
            )
        )
    except Reached:
        return {}
