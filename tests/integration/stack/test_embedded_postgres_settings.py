"""Settings given to an embedded server are the ones it runs with, over its own defaults."""

from __future__ import annotations

import psycopg
import pytest

from tests.fixtures.containers import DATABASE_URL, service_source
from tests.fixtures.postgres import TEST_SERVER_SETTINGS

pytestmark = pytest.mark.integration


def test_the_embedded_test_server_runs_with_the_settings_it_was_given(pg_server_url):
    if service_source(DATABASE_URL) != "embedded":
        pytest.skip("the tests run on a PostgreSQL server they did not start")
    assert TEST_SERVER_SETTINGS["fsync"] == "off"  # the start-up default this must override
    with psycopg.connect(pg_server_url) as conn:
        running = {name: conn.execute(f"SHOW {name}").fetchone()[0] for name in TEST_SERVER_SETTINGS}
    assert running == TEST_SERVER_SETTINGS
