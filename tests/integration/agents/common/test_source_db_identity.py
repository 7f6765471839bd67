"""Recognising the metadata database works for a metadata role without any privilege: the socket
directories it may not read are treated as unknown, never as an error."""

from __future__ import annotations

import uuid

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from sqlalchemy.orm import Session

from tdm_agents.common.source_db import reaches_session_database, session_identity
from tdm_metadata_store.db import make_engine


def test_an_unprivileged_metadata_role_still_recognises_its_database(pg_server_url, metadata_db_url):
    role, password = f"tdm_plain_{uuid.uuid4().hex[:8]}", uuid.uuid4().hex
    with psycopg.connect(pg_server_url, autocommit=True) as admin:
        admin.execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(role), sql.Literal(password))
        )
    params = {k: v for k, v in conninfo_to_dict(metadata_db_url).items() if v is not None}
    plain_url = make_conninfo("", **{**params, "user": role, "password": password})
    host, port, database = params.get("host", "127.0.0.1"), params.get("port", "5432"), params["dbname"]
    engine = make_engine(f"postgresql+psycopg://{role}:{password}@{host}:{port}/{database}", pool_size=1)
    try:
        with Session(engine) as session:
            identity = session_identity(session)
            assert identity.socket_dirs is None and identity.local and identity.database == database
            assert reaches_session_database(session, plain_url)
            assert reaches_session_database(session, f"host=/any/socket/dir port={port} dbname={database}")
            assert not reaches_session_database(session, f"host={host} port={port} dbname=another_db")
    finally:
        engine.dispose()
        with psycopg.connect(pg_server_url, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))
