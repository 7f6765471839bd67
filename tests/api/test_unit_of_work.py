"""The request's unit of work: committed by its dependency when the handler returns, rolled back
when it raises; after-commit work (enqueueing) runs only once the commit succeeded."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from tdm_api.dependencies import UowDep
from tdm_api.errors import Conflict, install_error_handlers
from tdm_metadata_store.db import make_engine, make_session_factory
from tdm_metadata_store.repositories.audit import AuditRepository


@dataclass
class Harness:
    client: TestClient
    database_url: str
    enqueued: list[str]

    def actions(self) -> list[str]:
        with psycopg.connect(self.database_url) as conn:
            return [r[0] for r in conn.execute("SELECT action FROM audit_log ORDER BY id").fetchall()]


def _record(uow, action: str) -> None:
    AuditRepository(uow.session).record(actor="test", action=action, resource_type="test")


@pytest.fixture
def harness(metadata_db_url: str) -> Iterator[Harness]:
    engine = make_engine(metadata_db_url, pool_size=2)
    app = FastAPI()
    install_error_handlers(app)
    app.state.runtime = type("Runtime", (), {"session_factory": make_session_factory(engine)})()
    enqueued: list[str] = []

    @app.post("/ok")
    def ok(uow: UowDep) -> dict[str, str]:
        _record(uow, "ok")
        uow.after_commit(lambda: enqueued.append("ok"))
        return {"done": "yes"}

    @app.post("/refused")
    def refused(uow: UowDep) -> None:
        _record(uow, "refused")
        uow.after_commit(lambda: enqueued.append("refused"))
        raise Conflict("Not now.")

    @app.post("/connection-lost")
    def connection_lost(uow: UowDep) -> dict[str, str]:
        _record(uow, "lost")
        uow.after_commit(lambda: enqueued.append("lost"))
        pid = uow.session.execute(text("SELECT pg_backend_pid()")).scalar_one()
        with psycopg.connect(metadata_db_url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        return {"done": "yes"}

    with TestClient(app, raise_server_exceptions=False) as client:
        yield Harness(client, metadata_db_url, enqueued)
    engine.dispose()


def test_a_handler_that_returns_is_committed_then_its_work_enqueued(harness: Harness):
    response = harness.client.post("/ok")
    assert response.status_code == 200, response.text
    assert harness.actions() == ["ok"]
    assert harness.enqueued == ["ok"]


def test_a_handler_that_raises_is_rolled_back_and_enqueues_nothing(harness: Harness):
    response = harness.client.post("/refused")
    assert response.status_code == 409
    assert harness.actions() == []
    assert harness.enqueued == []


def test_a_commit_that_fails_is_a_503_before_any_enqueue(harness: Harness):
    # The database drops the connection after the handler returned: the client must not get its
    # 2xx, and the job must not be enqueued for a row that was never committed.
    response = harness.client.post("/connection-lost")
    assert response.status_code == 503, response.text
    assert int(response.headers["retry-after"]) > 0
    assert harness.enqueued == []
    assert harness.actions() == []
