"""A connection stored before the API refused it, pointing at the metadata database, is never read."""

from __future__ import annotations

import ipaddress
import socket

import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from sqlalchemy.orm import Session

from tdm_agents.common.source_db import connects_to_session_database, reaches_session_database
from tdm_cache.client import sync_client
from tdm_metadata_store.crypto import SecretBox, generate_key
from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
from tdm_metadata_store.repositories.connections import ConnectionRepository
from tdm_orchestrator.errors import PermanentJobError
from tdm_orchestrator.services import Services


def test_jobs_refuse_a_stored_connection_to_the_metadata_database(
    metadata_db_url, source_db_url, redis_url, dataset_store
):
    engine = make_engine(metadata_db_url, pool_size=1)
    session_factory = make_session_factory(engine)
    box = SecretBox.from_keys([generate_key()])
    services = Services(engine=engine, session_factory=session_factory, redis=sync_client(redis_url),
                        dataset_store=dataset_store, secret_box=box, database_url=metadata_db_url)  # fmt: skip
    params = {k: v for k, v in conninfo_to_dict(metadata_db_url).items() if v is not None}
    spelled_otherwise = make_conninfo("", **{**params, "host": "localhost"})
    with unit_of_work(session_factory) as session:
        repo = ConnectionRepository(session)
        meta_ids = [
            str(repo.create(f"meta-{i}", url, box).id)
            for i, url in enumerate([metadata_db_url, spelled_otherwise])
        ]
        source_id = str(repo.create("shop", source_db_url, box).id)
    try:
        for connection_id in meta_ids:
            with pytest.raises(PermanentJobError, match="metadata database"):
                services.connection_url(connection_id)
        assert services.connection_url(source_id) == source_db_url
    finally:
        services.close()


def test_the_cluster_identity_unmasks_an_alias_no_address_comparison_sees(metadata_db_url, source_db_url):
    engine = make_engine(metadata_db_url, pool_size=1)
    params = {k: v for k, v in conninfo_to_dict(metadata_db_url).items() if v is not None}
    # The machine's own name, where it resolves to loopback, is an alias no address comparison sees
    # (names are not resolved); the cluster identity does.
    name = socket.gethostname()
    alias = make_conninfo("", **{**params, "host": name})
    try:
        with Session(engine) as session:
            if (
                name.lower() != "localhost"
                and _resolves_to_loopback(name)
                and params.get("host") == "127.0.0.1"
            ):
                assert not reaches_session_database(session, alias)
                assert connects_to_session_database(session, alias)
            assert connects_to_session_database(session, metadata_db_url)
            assert not connects_to_session_database(session, source_db_url)
            assert not connects_to_session_database(session, "host=127.0.0.1 port=9 dbname=x", timeout_s=1)
    finally:
        engine.dispose()


def _resolves_to_loopback(name: str) -> bool:
    try:
        return ipaddress.ip_address(socket.gethostbyname(name)).is_loopback
    except (OSError, ValueError):
        return False
