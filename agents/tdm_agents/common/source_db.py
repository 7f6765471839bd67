"""Source-database connection strings and read-only source connections, in one place.

Everything libpq accepts is accepted: `postgresql://` and `postgres://` URLs (SQLAlchemy's
`postgresql+driver://` too), unix-socket directories (`?host=/var/run/postgresql` or a
percent-encoded path as the host), `key=value` strings, several hosts (`host=a,b port=1,2`),
`sslmode`, `sslrootcert`, `options` and percent-encoded passwords. Parsing is libpq's own (through
psycopg's `conninfo`); this module adds what the platform requires on top: a database name, no
control characters, ports in range. Messages name the part that is wrong, never its value, so a
password can never leak through an error.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import Literal

import psycopg
import psycopg.errors
from psycopg import conninfo as pg_conninfo
from sqlalchemy import text
from sqlalchemy.orm import Session

DEFAULT_PORT = 5432
MAX_PART_LENGTH = 255  # what the metadata store keeps of a host list, database or user name
EXPECTED_FORM = "a postgresql:// URL or libpq key=value pairs with a database name"
_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.\-]*)://")
_ACCEPTED_SCHEMES = ("postgresql", "postgres")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SSLMODES = frozenset({"disable", "allow", "prefer", "require", "verify-ca", "verify-full"})
_OPTION_NAME = re.compile(r'(?:invalid URI query parameter|invalid connection option):? "([A-Za-z_]{1,40})"')
# What users call each libpq keyword in a message.
_PART_NAMES = {"dbname": "database name", "user": "user name", "host": "host", "hostaddr": "host address"}


class SourceUrlError(ValueError):
    """A connection string that cannot be used; `str()` names the problem, never the string."""


@dataclass(frozen=True)
class Endpoint:
    """One server libpq may try: a host name, an IP address or a socket directory ('' = default)."""

    host: str
    port: int
    hostaddr: str = ""

    @property
    def is_socket(self) -> bool:
        return not self.hostaddr and (not self.host or self.host.startswith(("/", "@")))

    def __str__(self) -> str:
        return f"{self.host or self.hostaddr or 'local socket'}:{self.port}"


@dataclass(frozen=True)
class SourceAddress:
    """Where a connection string points, without its password: safe for messages and display."""

    endpoints: tuple[Endpoint, ...]
    database: str
    user: str | None

    @property
    def host(self) -> str | None:
        """The host list as libpq reads it (`a,b`), None when only the default socket is used."""
        hosts = ",".join(e.host or e.hostaddr for e in self.endpoints)
        return hosts.strip(",") or None

    @property
    def port(self) -> int:
        return self.endpoints[0].port

    @property
    def server(self) -> str:
        return ", ".join(str(e) for e in self.endpoints)

    @property
    def where(self) -> str:
        return f"{self.server}/{self.database}"


def parse_source(url: str) -> dict[str, str]:
    """The libpq parameters of a connection string, checked; raises `SourceUrlError`."""
    if not isinstance(url, str) or not url.strip():
        raise SourceUrlError(f"The connection string is empty; expected {EXPECTED_FORM}.")
    try:
        url.encode("utf-8")
    except UnicodeEncodeError:
        raise SourceUrlError("The connection string is not valid UTF-8 text.") from None
    if _CONTROL.search(url):
        raise SourceUrlError("The connection string contains a control character (CR, LF, NUL, ...).")
    params = _libpq_parse(_without_driver(url))
    for key, value in params.items():
        if _CONTROL.search(value):
            part = _PART_NAMES.get(key, f"parameter {key}")
            raise SourceUrlError(f"The {part} contains a control character (CR, LF, NUL, ...).")
    for key in ("host", "hostaddr", "dbname", "user"):
        if len(params.get(key, "")) > MAX_PART_LENGTH:
            raise SourceUrlError(f"The {_PART_NAMES[key]} is longer than {MAX_PART_LENGTH} characters.")
    if not params.get("dbname"):
        raise SourceUrlError(f"The connection string names no database; expected {EXPECTED_FORM}.")
    sslmode = params.get("sslmode")
    if sslmode is not None and sslmode not in _SSLMODES:
        raise SourceUrlError(f"sslmode must be one of {', '.join(sorted(_SSLMODES))}.")
    _endpoints(params)
    return params


def describe(url: str) -> SourceAddress:
    """Host(s), port(s), database and user of a connection string; raises `SourceUrlError`."""
    params = parse_source(url)
    return SourceAddress(
        endpoints=_endpoints(params), database=params["dbname"], user=params.get("user") or None
    )


def libpq_conninfo(url: str, **overrides: str | int) -> str:
    """A libpq `key=value` string for `url` with `overrides` applied; `options` are appended, not
    replaced, so the user's own `-c search_path=...` survives the platform's settings."""
    params: dict[str, str | int] = dict(parse_source(url))
    extra = overrides.pop("options", None)
    if extra:
        params["options"] = f"{params['options']} {extra}" if params.get("options") else str(extra)
    params.update(overrides)
    return pg_conninfo.make_conninfo("", **params)


def connect_readonly(
    url: str,
    *,
    connect_timeout_s: float = 10,
    statement_timeout_ms: int | None = None,
    application_name: str = "tdm",
    autocommit: bool = False,
) -> psycopg.Connection:
    """A psycopg connection whose transactions are read-only (and bounded in time).

    The settings are applied with SET after connecting, not as startup `options`, which
    connection poolers such as PgBouncer refuse. Raises `SourceUrlError` for a bad string and
    `psycopg.Error` when the server cannot be reached, refuses, or does not speak PostgreSQL.
    """
    conninfo = libpq_conninfo(
        url, connect_timeout=max(1, int(connect_timeout_s)), application_name=application_name
    )
    conn = psycopg.connect(conninfo, autocommit=autocommit)
    try:
        conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        if statement_timeout_ms is not None:
            conn.execute(
                "SELECT set_config('statement_timeout', %s, false)", (str(int(statement_timeout_ms)),)
            )
        if not autocommit:
            conn.commit()
    except BaseException:
        conn.close()
        raise
    return conn


ConnectFailure = Literal[
    "authentication", "missing_database", "privileges", "timeout", "not_postgres", "unreachable"
]
_AUTH_STATES = frozenset({"28P01", "28000"})
_NOT_POSTGRES_MARKS = (
    "invalid response to ssl negotiation",
    "invalid response to gssapi negotiation",
    "expected authentication request",
    "authentication method",
    "invalid message",
    "unexpected message",
    "lost synchronization",
)


def connect_failure(exc: psycopg.Error) -> ConnectFailure:
    """What a failed connection attempt means, for a sentence of our own (libpq's text can quote
    the database name, the user, or whatever a non-PostgreSQL server sent back)."""
    state = exc.sqlstate or ""
    text = str(exc).lower()
    if state in _AUTH_STATES or "password authentication failed" in text or "no password supplied" in text:
        return "authentication"
    if "role" in text and "does not exist" in text:
        return "authentication"
    if state == "3D000" or ("database" in text and "does not exist" in text):
        return "missing_database"
    if state == "42501" or "permission denied" in text or "pg_hba.conf" in text:
        return "privileges"
    if isinstance(exc, psycopg.errors.ConnectionTimeout) or "timeout" in text or "timed out" in text:
        return "timeout"
    if any(mark in text for mark in _NOT_POSTGRES_MARKS):
        return "not_postgres"
    return "unreachable"


def _without_driver(url: str) -> str:
    """`postgresql+psycopg://` → `postgresql://`; other schemes are refused (key=value passes)."""
    match = _SCHEME.match(url)
    if match is None:
        return url
    scheme = match.group(1).lower()
    base = scheme.split("+", 1)[0]
    if base not in _ACCEPTED_SCHEMES:
        raise SourceUrlError(f"The connection string is not PostgreSQL; expected {EXPECTED_FORM}.")
    return f"{base}://{url[match.end() :]}"


def _libpq_parse(url: str) -> dict[str, str]:
    try:
        return {k: str(v) for k, v in pg_conninfo.conninfo_to_dict(url).items() if v is not None}
    except psycopg.ProgrammingError as exc:
        # libpq's message may quote the whole string (password included): keep only an option name.
        option = _OPTION_NAME.search(str(exc))
        if option:
            raise SourceUrlError(f"Unknown connection parameter {option.group(1)!r}.") from None
        raise SourceUrlError(f"The connection string cannot be parsed; expected {EXPECTED_FORM}.") from None


def _endpoints(params: dict[str, str]) -> tuple[Endpoint, ...]:
    hosts = params.get("host", "").split(",")
    addrs = params.get("hostaddr", "").split(",")
    count = max(len(hosts), len(addrs))
    hosts = _spread(hosts, count, "host")
    addrs = _spread(addrs, count, "hostaddr")
    ports = _spread(params.get("port", "").split(","), count, "port")
    return tuple(Endpoint(h, _port(p), a) for h, a, p in zip(hosts, addrs, ports, strict=True))


def _spread(values: list[str], count: int, key: str) -> list[str]:
    """libpq's rule: one value applies to every host, otherwise one value per host."""
    if len(values) == 1:
        return values * count
    if len(values) != count:
        raise SourceUrlError(f"The connection string gives {len(values)} {key} values for {count} hosts.")
    return values


def _port(text: str) -> int:
    if not text:
        return DEFAULT_PORT
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise SourceUrlError("The port must be a number between 1 and 65535.")
    return int(text)


def is_loopback(host: str) -> bool:
    """True for `localhost` and loopback IP literals (no name resolution)."""
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


# Asked of the platform's own metadata server to recognise it behind any spelling of its address.
SERVER_IDENTITY_SQL = (
    "SELECT current_database(), current_setting('port'), "
    # pg_settings hides this setting (NULL here) from roles without pg_read_all_settings.
    "(SELECT setting FROM pg_settings WHERE name = 'unix_socket_directories'), host(inet_server_addr())"
)


@dataclass(frozen=True)
class ServerIdentity:
    """One database of one server, as reachable names: for refusing it as a source."""

    database: str
    port: int
    hosts: frozenset[str]
    socket_dirs: frozenset[str] | None  # None: the server would not say, so any directory may be it
    local: bool  # the server runs on this machine, so loopback and its sockets reach it

    @classmethod
    def from_server(
        cls, row: tuple[str, str, str | None, str | None], url_hosts: list[str]
    ) -> ServerIdentity:
        """From the answer to `SERVER_IDENTITY_SQL` and the hosts of the URL used to reach it."""
        database, port, socket_dirs, server_addr = row
        hosts = {h.lower().strip("[]") for h in url_hosts if h and not h.startswith(("/", "@"))}
        if server_addr:
            hosts.add(server_addr.lower())
        local = server_addr is None or is_loopback(server_addr) or any(is_loopback(h) for h in hosts)
        dirs = None
        if socket_dirs is not None:
            listed = [d for d in socket_dirs.split(",") + url_hosts if d.strip().startswith("/")]
            dirs = frozenset(d.strip().rstrip("/") for d in listed)
        return cls(str(database), int(port), frozenset(hosts), dirs, local)


def same_database(address: SourceAddress, server: ServerIdentity) -> bool:
    """True when any host of `address` reaches `server`'s database (no name resolution)."""
    if address.database != server.database:
        return False
    return any(_reaches(e, server) for e in address.endpoints)


def _reaches(endpoint: Endpoint, server: ServerIdentity) -> bool:
    if endpoint.port != server.port:
        return False
    if endpoint.is_socket:
        # An empty host is libpq's compiled-in socket directory: on this machine, most likely theirs.
        known = server.socket_dirs
        return server.local and (not endpoint.host or known is None or endpoint.host.rstrip("/") in known)
    name = (endpoint.hostaddr or endpoint.host).lower().strip("[]")
    return name in server.hosts or (server.local and is_loopback(name))


def session_identity(session: Session) -> ServerIdentity:
    """The identity of the database a SQLAlchemy session is connected to (the metadata store's)."""
    row = session.execute(text(SERVER_IDENTITY_SQL)).one()
    url = session.get_bind().engine.url
    url_hosts = [url.host or "", *str(url.query.get("host") or "").split(",")]
    database, port, socket_dirs, server_addr = row
    return ServerIdentity.from_server((database, port, socket_dirs, server_addr), url_hosts)


def reaches_session_database(session: Session, url: str) -> bool:
    """True when `url` reaches the database `session` is connected to; False for an unusable string
    (whoever connects with it reports that in its own words)."""
    try:
        address = describe(url)
    except SourceUrlError:
        return False
    return same_database(address, session_identity(session))


# One server's cluster identity and the database name: equal pairs are the same database, whatever
# name, address or socket reached it. pg_control_system() is executable by every role.
FINGERPRINT_SQL = "SELECT system_identifier::text, current_database() FROM pg_control_system()"


def connects_to_session_database(session: Session, url: str, timeout_s: float = 5) -> bool:
    """True when `url`, once connected, is the database `session` is on (same cluster identity and
    database name). Catches aliases no address comparison can see (a host name, a LAN address);
    False when the source cannot be reached or asked: whoever connects next reports that."""
    ours = tuple(session.execute(text(FINGERPRINT_SQL)).one())
    try:
        with connect_readonly(url, connect_timeout_s=timeout_s, application_name="tdm-source-check") as conn:
            theirs = conn.execute(FINGERPRINT_SQL).fetchone()
    except (psycopg.Error, SourceUrlError):
        return False
    return theirs is not None and tuple(theirs) == ours
