"""Fixtures of the fault tests: a metadata PostgreSQL server of a test's own, which it may restart."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tdm_metadata_store.migrate import upgrade


@dataclass
class RestartableMetadataServer:
    """An embedded PostgreSQL holding one migrated metadata database, stopped and started at will."""

    server: object
    url: str

    def stop(self) -> None:
        """Stop the server the way an outage would: open connections are cut."""
        self.server.stop(mode="immediate")

    def start(self) -> None:
        """Start it again on the same port (clients reconnect to the same URL)."""
        self.server.start()


@pytest.fixture
def restartable_metadata() -> Iterator[RestartableMetadataServer]:
    """A separate PostgreSQL server (not the shared test server) with a migrated metadata database."""
    from tdm_api.stack.embedded_postgres import EmbeddedPostgres

    # Under the system temp dir, not pytest's tmp_path: as root the server runs as another user,
    # who must be able to reach its data directory.
    root = Path(tempfile.mkdtemp(prefix="tdm-fault-meta-"))
    server = EmbeddedPostgres(root / "data")
    server.start()
    url = server.create_database("tdm_metadata")
    upgrade(url)
    try:
        yield RestartableMetadataServer(server, url)
    finally:
        server.stop(mode="immediate")
        shutil.rmtree(root, ignore_errors=True)
