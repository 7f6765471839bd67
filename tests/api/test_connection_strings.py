"""POST /connections and /connections/{id}/test with every libpq form, hostile strings, peers that
are not PostgreSQL, and the platform's own metadata database (refused as a source)."""

from __future__ import annotations

import http.server
import socket
import threading
import urllib.parse
from collections.abc import Iterator

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from tdm_metadata_store.crypto import SecretBox
from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
from tdm_metadata_store.repositories.connections import ConnectionParts, ConnectionRepository

SECRET = "hunter2pw"


def _create(platform, connection_string: str, name: str = "src"):
    return platform.client.post(
        "/api/v1/connections",
        headers=platform.headers(),
        json={"name": name, "connection_string": connection_string},
    )


def _test(platform, connection_id: str) -> dict:
    r = platform.client.post(
        f"/api/v1/connections/{connection_id}/test", headers=platform.headers("operator")
    )
    assert r.status_code == 200, r.text
    return r.json()


def _problem(response, status: int = 422) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert SECRET not in response.text
    return response.json()


def _socket_dir(server_url: str) -> str:
    with psycopg.connect(server_url) as conn:
        dirs = str(conn.execute("SHOW unix_socket_directories").fetchone()[0])  # type: ignore[index]
    first = next((d.strip() for d in dirs.split(",") if d.strip().startswith("/")), None)
    if first is None:
        pytest.skip("the test PostgreSQL server listens on no unix socket")
    return first


def _store_unchecked(platform, url: str, parts: ConnectionParts) -> str:
    """A connection stored before strings were checked (as an older release could have)."""
    engine = make_engine(platform.env["DATABASE_URL"], pool_size=1)
    box = SecretBox.from_keys(platform.env["TDM_ENCRYPTION_KEYS"].split(","))
    with unit_of_work(make_session_factory(engine)) as session:
        row = ConnectionRepository(session).create("legacy", url, box, parts=parts)
        connection_id = str(row.id)
    engine.dispose()
    return connection_id


@pytest.mark.parametrize(
    ("connection_string", "words"),
    [
        (f"postgresql://u:{SECRET}@db.internal/shop%0D%0A", "database name contains a control character"),
        (f"postgresql://u:{SECRET}@db.internal/shop\r\nx", "control character"),
        (f"host=db.internal dbname=shop\x00 password={SECRET}", "control character"),
        (f"postgresql://u%0A:{SECRET}@db.internal/shop", "user name contains a control character"),
        (f"postgresql://u:{SECRET}%0D@db.internal/shop", "password contains a control character"),
        (f"postgresql://u:{SECRET}@db.internal/shop?options=-c%0Ax", "options contains a control character"),
        (f"postgresql://u:{SECRET}@db.internal/", "names no database"),
        (f"mysql://u:{SECRET}@db.internal/shop", "not PostgreSQL"),
        (f"postgresql://u:{SECRET}@db.internal/shop?sslmode=sometimes", "sslmode must be"),
    ],
)
def test_unusable_strings_are_422_naming_the_part(platform, connection_string: str, words: str) -> None:
    problem = _problem(_create(platform, connection_string))
    assert words in problem["detail"], problem


@pytest.mark.parametrize(
    ("connection_string", "display"),
    [
        (f"postgres://reader:p%40ss{SECRET}@db.internal:6543/shop", "postgresql://reader@db.internal:6543/shop"),
        ("postgresql://reader@/shop?host=/var/run/postgresql", "postgresql://reader@%2Fvar%2Frun%2Fpostgresql:5432/shop"),
        ("postgresql://%2Ftmp:5433/shop", "postgresql://%2Ftmp:5433/shop"),
        (f"host=a.internal,b.internal port=5432 dbname=shop user=reader password={SECRET}",
         "postgresql://reader@a.internal:5432,b.internal:5432/shop"),
        ("postgresql://reader@db.internal/shop?sslmode=verify-full&sslrootcert=/etc/ca.pem&options=-c%20search_path%3Dsales",
         "postgresql://reader@db.internal:5432/shop"),
        ("postgresql://reader@[::1]:5433/shop", "postgresql://reader@[::1]:5433/shop"),
    ],
)  # fmt: skip
def test_every_libpq_form_is_registered(platform, connection_string: str, display: str) -> None:
    r = _create(platform, connection_string)
    assert r.status_code == 201, r.text
    assert r.json()["display_url"] == display
    assert SECRET not in r.text


@pytest.fixture
def garbage_listener() -> Iterator[int]:
    """A TCP server that answers anything with bytes that are not the PostgreSQL protocol."""
    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                conn.recv(64)
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n\xff\xfe garbage")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    server.close()


@pytest.fixture
def http_listener() -> Iterator[int]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_a_listener_that_is_not_postgresql_is_a_failed_test(
    platform, garbage_listener, http_listener
) -> None:
    for port, words in (
        (garbage_listener, "does not speak the PostgreSQL protocol"),
        (http_listener, "Timed out"),
    ):
        r = _create(platform, f"postgresql://u:{SECRET}@127.0.0.1:{port}/shop", name=f"peer-{port}")
        assert r.status_code == 201, r.text
        result = _test(platform, r.json()["id"])
        assert result["ok"] is False and words in result["message"], result
        assert SECRET not in result["message"]


def test_a_stored_string_with_a_line_break_is_a_failed_test(platform, source_db_url) -> None:
    params = conninfo_to_dict(source_db_url)
    crlf = make_conninfo(source_db_url, dbname=f"{params['dbname']}\r\nx")
    connection_id = _store_unchecked(platform, crlf, ConnectionParts("127.0.0.1", 5432, "broken", None))
    result = _test(platform, connection_id)
    assert result["ok"] is False and "control character" in result["message"], result


def test_socket_and_key_value_strings_reach_the_server(platform, source_db_url, pg_server_url) -> None:
    params = conninfo_to_dict(source_db_url)
    directory = _socket_dir(pg_server_url)
    port = params.get("port") or "5432"
    user = urllib.parse.quote(str(params.get("user") or ""), safe="")
    password = f":{urllib.parse.quote(str(params['password']), safe='')}" if params.get("password") else ""
    forms = {
        "socket-query": f"postgresql://{user}{password}@/{params['dbname']}?host={directory}&port={port}",
        "socket-host": f"postgres://{user}{password}@{urllib.parse.quote(directory, safe='')}:{port}/{params['dbname']}",
        "key-value": make_conninfo("", **{k: v for k, v in params.items() if v is not None}),
    }  # fmt: skip
    for name, form in forms.items():
        r = _create(platform, form, name=name)
        assert r.status_code == 201, r.text
        result = _test(platform, r.json()["id"])
        assert result["ok"] is True, (name, result)


def _metadata_forms(platform) -> list[str]:
    params = {k: v for k, v in conninfo_to_dict(platform.env["DATABASE_URL"]).items() if v is not None}
    host = str(params.get("host") or "")
    forms = [platform.env["DATABASE_URL"], make_conninfo("", **params)]
    if host in ("127.0.0.1", "localhost", "::1"):
        forms.append(
            make_conninfo("", **{**params, "host": "localhost" if host != "localhost" else "127.0.0.1"})
        )
        with psycopg.connect(platform.env["DATABASE_URL"]) as conn:
            dirs = str(conn.execute("SHOW unix_socket_directories").fetchone()[0])  # type: ignore[index]
        forms += [make_conninfo("", **{**params, "host": d.strip()}) for d in dirs.split(",") if d.strip()]
    return forms


def test_the_metadata_database_is_refused_as_a_source(platform) -> None:
    for form in _metadata_forms(platform):
        problem = _problem(_create(platform, form, name="meta"))
        assert "metadata database" in problem["detail"] and problem["field"] == "connection_string"
        r = platform.client.post(
            "/api/v1/discover-schema", headers=platform.headers("operator"), json={"connection_string": form}
        )
        assert "metadata database" in _problem(r)["detail"]
    listed = platform.client.get("/api/v1/connections", headers=platform.headers("viewer")).json()
    assert listed == []


def test_a_stored_connection_to_the_metadata_database_cannot_be_discovered(platform) -> None:
    connection_id = _store_unchecked(
        platform, platform.env["DATABASE_URL"], ConnectionParts("127.0.0.1", 5432, "meta", None)
    )
    r = platform.client.post(
        "/api/v1/discover-schema", headers=platform.headers("operator"), json={"connection_id": connection_id}
    )
    problem = _problem(r)
    assert "metadata database" in problem["detail"] and problem["field"] == "connection_id"


def test_another_database_on_the_metadata_server_is_accepted(platform, source_db_url) -> None:
    r = _create(platform, source_db_url)
    assert r.status_code == 201, r.text
