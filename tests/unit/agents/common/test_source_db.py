"""Source connection strings: every libpq form parses, bad ones fail naming the part, never the password."""

from __future__ import annotations

import pytest
from psycopg.conninfo import conninfo_to_dict

from tdm_agents.common.source_db import (
    Endpoint,
    ServerIdentity,
    SourceUrlError,
    describe,
    libpq_conninfo,
    parse_source,
    same_database,
)

SECRET = "hunter2pw"

# (connection string, endpoints, database, user)
LIBPQ_FORMS = [
    ("postgresql://alice:s3cret@db.internal:6543/shop", [("db.internal", 6543)], "shop", "alice"),
    ("postgres://alice@db.internal/shop", [("db.internal", 5432)], "shop", "alice"),
    ("postgresql+psycopg://alice:pw@h:5/shop", [("h", 5)], "shop", "alice"),
    ("postgresql://user@/db?host=/var/run/postgresql", [("/var/run/postgresql", 5432)], "db", "user"),
    ("postgresql:///db?host=/tmp&port=6000", [("/tmp", 6000)], "db", None),
    ("postgresql://%2Fvar%2Frun%2Fpostgresql:5433/db", [("/var/run/postgresql", 5433)], "db", None),
    ("postgresql:///db", [("", 5432)], "db", None),
    ("host=/tmp dbname=shop user=bob", [("/tmp", 5432)], "shop", "bob"),
    ("host=a,b port=1,2 dbname=x", [("a", 1), ("b", 2)], "x", None),
    ("host=a,b port=7 dbname=x", [("a", 7), ("b", 7)], "x", None),
    ("postgresql://h1:1,h2:2/db?target_session_attrs=read-write", [("h1", 1), ("h2", 2)], "db", None),
    ("postgresql://[::1]:5433/db", [("::1", 5433)], "db", None),
    ("postgresql://u@h/db?sslmode=verify-full&sslrootcert=/etc/ca.pem", [("h", 5432)], "db", "u"),
    ("postgresql://u@h/db?options=-c%20search_path%3Dsales", [("h", 5432)], "db", "u"),
    ("dbname='my db' host=h user='o\\'brien'", [("h", 5432)], "my db", "o'brien"),
    ("  dbname=x hostaddr=10.0.0.5 ", [("10.0.0.5", 5432)], "x", None),
]


@pytest.mark.parametrize(("url", "endpoints", "database", "user"), LIBPQ_FORMS)
def test_every_libpq_form_is_described(url, endpoints, database, user) -> None:
    address = describe(url)
    assert [(str(e).rsplit(":", 1)[0].replace("local socket", ""), e.port) for e in address.endpoints] == [
        (h, p) for h, p in endpoints
    ]
    assert (address.database, address.user) == (database, user)


def test_percent_encoded_passwords_reach_libpq_decoded() -> None:
    params = conninfo_to_dict(libpq_conninfo("postgres://u:p%40ss%3Aw%2Fd@h/db"))
    assert params["password"] == "p@ss:w/d"


def test_user_options_are_kept_next_to_the_platforms() -> None:
    url = "postgresql://u@h/db?options=-c%20search_path%3Dsales"
    params = conninfo_to_dict(libpq_conninfo(url, options="-c default_transaction_read_only=on"))
    assert params["options"] == "-c search_path=sales -c default_transaction_read_only=on"
    assert conninfo_to_dict(libpq_conninfo("dbname=x", connect_timeout=3))["connect_timeout"] == "3"


def test_socket_host_and_port_are_shown_without_secrets() -> None:
    address = describe(f"postgresql://u:{SECRET}@/db?host=/run/pg")
    assert address.where == "/run/pg:5432/db" and address.host == "/run/pg" and address.port == 5432
    assert describe("postgresql:///db").host is None


@pytest.mark.parametrize(
    ("url", "words"),
    [
        (f"mysql://u:{SECRET}@h/d", "not PostgreSQL"),
        (f"not a url {SECRET}", "cannot be parsed"),
        (f"postgresql://u:{SECRET}@h/", "names no database"),
        (f"user=u password={SECRET} host=h", "names no database"),
        (f"postgresql://u:{SECRET}@h:notaport/d", "port must be"),
        (f"postgresql://u:{SECRET}@h/d%00x", "cannot be parsed"),
        (f"postgresql://u:{SECRET}@h:70000/d", "port must be"),
        (f"host=a,b,c port=1,2 dbname=d password={SECRET}", "2 port values for 3 hosts"),
        (f"postgresql://u:{SECRET}@h/d?bogus=1", "Unknown connection parameter 'bogus'"),
        (f"dbname=d bogus=1 password={SECRET}", "Unknown connection parameter 'bogus'"),
        (f"postgresql://u:{SECRET}@h/d?sslmode=maybe", "sslmode must be"),
        (f"postgresql://u:{SECRET}@h/d%0D%0Aevil", "database name contains a control character"),
        (f"postgresql://u:{SECRET}@h/d?host=h%7Fx", "host contains a control character"),
        (f"postgresql://u%0A:{SECRET}@h/d", "user name contains a control character"),
        (f"postgresql://u:{SECRET}@h/d\r\n", "connection string contains a control character"),
        (f"dbname=d\x00 password={SECRET}", "connection string contains a control character"),
        ("", "empty"),
        (f"dbname={'d' * 300} password={SECRET}", "database name is longer than 255"),
    ],
)
def test_bad_strings_name_the_problem_never_the_password(url: str, words: str) -> None:
    with pytest.raises(SourceUrlError) as info:
        parse_source(url)
    assert words in str(info.value)
    assert SECRET not in str(info.value)
    # libpq's own message may quote the string: it is never chained.
    assert info.value.__cause__ is None
    assert info.value.__context__ is None or info.value.__suppress_context__


def _metadata(server_addr: str | None = None, url_hosts: tuple[str, ...] = ("127.0.0.1",)) -> ServerIdentity:
    return ServerIdentity.from_server(
        ("tdm", "5432", "/var/run/postgresql, /tmp", server_addr), list(url_hosts)
    )


@pytest.mark.parametrize(
    ("url", "same"),
    [
        ("postgresql://u@127.0.0.1/tdm", True),
        ("postgresql://u@localhost:5432/tdm", True),
        ("postgresql://u@[::1]/tdm", True),
        ("postgresql://u@/tdm?host=/var/run/postgresql", True),
        ("host=/tmp/ dbname=tdm", True),
        ("postgresql:///tdm", True),
        ("host=elsewhere,localhost dbname=tdm", True),
        ("postgresql://u@127.0.0.1/other", False),
        ("postgresql://u@127.0.0.1:5433/tdm", False),
        ("postgresql://u@/tdm?host=/srv/other", False),
        ("postgresql://u@db.example.org/tdm", False),
    ],
)
def test_the_metadata_database_is_recognised_behind_any_spelling(url: str, same: bool) -> None:
    assert same_database(describe(url), _metadata()) is same


def test_a_remote_metadata_server_is_matched_by_name_or_address_only() -> None:
    remote = _metadata(server_addr="10.1.2.3", url_hosts=("meta.internal",))
    assert not remote.local
    assert same_database(describe("postgresql://u@meta.internal/tdm"), remote)
    assert same_database(describe("postgresql://u@10.1.2.3/tdm"), remote)
    assert not same_database(describe("postgresql://u@localhost/tdm"), remote)
    assert not same_database(describe("postgresql://u@/tdm?host=/var/run/postgresql"), remote)


def test_socket_directories_hidden_from_the_role_match_any_local_socket() -> None:
    hidden = ServerIdentity.from_server(("tdm", "5432", None, None), ["/var/run/postgresql"])
    assert hidden.local and hidden.socket_dirs is None
    assert same_database(describe("host=/srv/elsewhere dbname=tdm"), hidden)
    assert not same_database(describe("host=/srv/elsewhere port=5433 dbname=tdm"), hidden)
    shown = ServerIdentity.from_server(("tdm", "5432", "/tmp", None), ["/var/run/postgresql"])
    assert shown.socket_dirs == {"/tmp", "/var/run/postgresql"}


def test_endpoint_kinds() -> None:
    assert Endpoint("/tmp", 5432).is_socket and Endpoint("", 5432).is_socket
    assert not Endpoint("h", 5432).is_socket and not Endpoint("", 5432, hostaddr="10.0.0.1").is_socket
