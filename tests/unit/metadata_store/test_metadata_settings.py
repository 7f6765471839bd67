"""Metadata store settings: PostgreSQL URLs only, psycopg driver, keys and the optional env file."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from tdm_metadata_store.crypto import generate_key
from tdm_metadata_store.settings import MetadataStoreSettings, get_settings


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATABASE_URL", "TDM_ENCRYPTION_KEYS", "TDM_ENV_FILE", "TDM_DB_POOL_SIZE"):
        monkeypatch.delenv(name, raising=False)


def test_plain_postgresql_url_uses_psycopg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:p@h:5432/tdm")
    settings = get_settings()
    assert settings.database_url == "postgresql+psycopg://u:p@h:5432/tdm"
    assert settings.encryption_key_list() == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://u@/tdm?host=/var/run/postgresql", "postgresql+psycopg://u@/tdm?host=%2Fvar%2Frun%2Fpostgresql"),
        ("postgresql://u@%2Fvar%2Frun%2Fpostgresql:5433/tdm", "postgresql+psycopg://u@:5433/tdm?host=%2Fvar%2Frun%2Fpostgresql"),
    ],
)  # fmt: skip
def test_socket_directory_urls_reach_the_driver_as_libpq_reads_them(
    monkeypatch: pytest.MonkeyPatch, url: str, expected: str
) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    assert get_settings().database_url == expected


@pytest.mark.parametrize("bad", ["nonsense", "mysql://u@h/db", "sqlite:///x.db"])
def test_non_postgresql_url_is_rejected(monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    monkeypatch.setenv("DATABASE_URL", bad)
    with pytest.raises(ValidationError, match="postgresql"):
        get_settings()


def test_keys_are_split_and_kept_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = generate_key(), generate_key()
    monkeypatch.setenv("DATABASE_URL", "postgresql://h/tdm")
    monkeypatch.setenv("TDM_ENCRYPTION_KEYS", f"{first}, {second}")
    settings = get_settings()
    assert settings.encryption_key_list() == [first, second]
    assert first not in repr(settings)


def test_env_file_named_by_tdm_env_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    env_file = tmp_path / "tdm.env"
    env_file.write_text("DATABASE_URL=postgresql://fromfile@h/tdm\nTDM_DB_POOL_SIZE=3\n")
    monkeypatch.setenv("TDM_ENV_FILE", str(env_file))
    settings = get_settings()
    assert settings.database_url == "postgresql+psycopg://fromfile@h/tdm"
    assert settings.pool_size == 3


def test_every_field_is_described() -> None:
    assert all(field.description for field in MetadataStoreSettings.model_fields.values())
