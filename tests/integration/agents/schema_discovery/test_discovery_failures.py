"""Failures a user can act on: one sentence each, and the password never appears."""

import shutil
import tempfile
import uuid
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

from tdm_agents.schema_discovery.connector import DiscoveryError, open_source
from tdm_agents.schema_discovery.discover import discover

pytestmark = pytest.mark.integration

SECRET = "Sup3r-s3cret-pw"


def _fails(url: str, **kwargs) -> DiscoveryError:
    with pytest.raises(DiscoveryError) as info:
        discover(url, **kwargs)
    error = info.value
    assert SECRET not in str(error) and SECRET not in repr(error.args)
    assert str(error).count(". ") == 0 and str(error).endswith(".")  # one sentence
    return error


def _with(url: str, **parts) -> str:
    return make_url(url).set(**parts).render_as_string(hide_password=False)


@pytest.fixture(scope="module")
def password_server():
    """A server of its own that checks passwords (the shared test server trusts every login)."""
    from tdm_api.stack.embedded_postgres import EmbeddedPostgres

    data_dir = Path(tempfile.mkdtemp(prefix="tdm-test-pgpw-"))
    server = EmbeddedPostgres(data_dir / "data")
    server.start()
    try:
        with psycopg.connect(server.url, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE ROLE checked LOGIN PASSWORD {}").format(sql.Literal(SECRET)))
            hba = conn.execute("SHOW hba_file").fetchone()[0]
            rules = Path(hba).read_text()
            Path(hba).write_text("host all checked 127.0.0.1/32 scram-sha-256\n" + rules)
            conn.execute("SELECT pg_reload_conf()")
        yield server
    finally:
        server.stop(mode="immediate")
        shutil.rmtree(data_dir, ignore_errors=True)


def test_wrong_password(password_server):
    good = f"postgresql://checked:{SECRET}@127.0.0.1:{password_server.port}/postgres"
    open_source(good).close()
    error = _fails(f"postgresql://checked:{SECRET}x@127.0.0.1:{password_server.port}/postgres")
    assert error.reason == "authentication" and '"checked"' in str(error) and not error.transient


def test_unreachable_host(pg_server_url):
    error = _fails(_with(pg_server_url, port=1, password=SECRET), timeout_s=2)
    assert error.reason == "unreachable" and "127.0.0.1:1" in str(error) and error.transient


def test_unknown_host():
    error = _fails(f"postgresql+psycopg://u:{SECRET}@host.invalid:5432/db", timeout_s=2)
    assert error.reason == "unreachable"


def test_missing_database(pg_server_url):
    error = _fails(_with(pg_server_url, database="no_such_db_here", password=SECRET))
    assert error.reason == "missing_database" and '"no_such_db_here"' in str(error)


def test_missing_schema(source_db_url):
    error = _fails(source_db_url, schemas=("public", "nowhere"))
    assert error.reason == "missing_schema" and '"nowhere"' in str(error)


@pytest.fixture
def unprivileged_url(source_db_url):
    role = f"tdm_ro_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(source_db_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
        conn.execute(sql.SQL("GRANT SELECT ON public.orders TO {}").format(sql.Identifier(role)))
    yield _with(source_db_url, username=role, password=SECRET)
    with psycopg.connect(source_db_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
    with psycopg.connect(_with(source_db_url, database="postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


def test_no_usage_on_a_schema(unprivileged_url):
    error = _fails(unprivileged_url, schemas=("public", "sales"))
    assert error.reason == "privileges" and '"sales"' in str(error)


def test_no_select_on_tables(unprivileged_url):
    error = _fails(unprivileged_url, schemas=("public",))
    assert error.reason == "privileges" and "SELECT" in str(error)
    # Structure alone needs no table privilege: the catalog is readable.
    snapshot = discover(unprivileged_url, schemas=("public",), include_stats=False)
    assert snapshot.table("customers").primary_key == ["id"]
