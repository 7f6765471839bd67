"""Fixtures are grouped by concern under tests/fixtures/; this file only registers them."""

pytest_plugins = [
    "tests.fixtures.run_shared",
    "tests.fixtures.scheduling",
    "tests.fixtures.gc_freeze",
    "tests.fixtures.containers",
    "tests.fixtures.postgres",
    "tests.fixtures.metadata",
    "tests.fixtures.redis",
    "tests.fixtures.s3",
    "tests.fixtures.source_databases",
    "tests.fixtures.zoo",
    "tests.fixtures.datasets",
    "tests.fixtures.web_pages",
    "tests.fixtures.fake_chat",
    "tests.fixtures.platform",
    "tests.fixtures.live_api",
    "tests.fixtures.browser",
]
