"""CacheSettings: REDIS_URL validation, env file, and redaction."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from pydantic import ValidationError

from tdm_cache.client import async_client, sync_client
from tdm_cache.settings import CacheSettings, get_settings, redact_redis_url


def test_reads_redis_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TDM_ENV_FILE", raising=False)
    monkeypatch.setenv("REDIS_URL", "redis://cache.internal:6380/2")
    assert get_settings().redis_url == "redis://cache.internal:6380/2"


def test_reads_the_env_file_named_by_tdm_env_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    env_file = tmp_path / "tdm.env"
    env_file.write_text("REDIS_URL=rediss://cache.example:6379/1\nTDM_REDIS_RETRIES=2\n")
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setenv("TDM_ENV_FILE", str(env_file))
    settings = get_settings()
    assert settings.redis_url == "rediss://cache.example:6379/1"
    assert settings.connection_retries == 2


@pytest.mark.parametrize(
    "bad",
    ["nonsense", "http://localhost:6379/0", "redis://", "redis://localhost:port/0", "redis://localhost/db"],
)
def test_malformed_redis_url_names_the_setting(monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    monkeypatch.delenv("TDM_ENV_FILE", raising=False)
    monkeypatch.setenv("REDIS_URL", bad)
    with pytest.raises(ValidationError) as caught:
        get_settings()
    assert "REDIS_URL" in str(caught.value)


def test_unix_socket_urls_are_accepted() -> None:
    assert CacheSettings(REDIS_URL="unix:///run/redis.sock").redis_url == "unix:///run/redis.sock"


def test_redaction_hides_the_password_only() -> None:
    url = "redis://worker:s3cr3t-pass@cache:6379/0"
    assert redact_redis_url(url) == "redis://worker:***@cache:6379/0"
    assert "s3cr3t" not in CacheSettings(REDIS_URL=url).redacted_url()
    assert redact_redis_url("redis://cache:6379/0") == "redis://cache:6379/0"


def test_validation_errors_do_not_echo_a_password() -> None:
    with pytest.raises(ValidationError) as caught:
        CacheSettings(REDIS_URL="http://user:hunter2-secret@cache:6379/0")
    assert "hunter2-secret" not in str(caught.value)
    assert "REDIS_URL" in str(caught.value)


def test_client_factories_decode_responses_and_retry() -> None:
    client = sync_client("redis://localhost:6379/0", retries=3)
    options = client.connection_pool.connection_kwargs
    assert options["decode_responses"] is True
    assert options["health_check_interval"] == 30
    assert client.get_retry().get_retries() == 3
    client.close()
    aclient = async_client("redis://localhost:6379/0")
    assert aclient.connection_pool.connection_kwargs["decode_responses"] is True
    # A fresh thread: another test's browser driver may hold this thread's event loop.
    closer = threading.Thread(target=asyncio.run, args=(aclient.aclose(),))
    closer.start()
    closer.join()


def test_client_factories_refuse_bad_urls() -> None:
    with pytest.raises(ValueError):
        sync_client("localhost:6379")
