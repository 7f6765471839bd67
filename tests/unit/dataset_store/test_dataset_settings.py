"""Dataset store settings: environment names, defaults, validation, secrets."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from tdm_dataset_store import DatasetStoreSettings, LocalDatasetStore, get_settings, open_store
from tdm_dataset_store.s3 import S3DatasetStore

_ENV_NAMES = [
    "TDM_DATASET_BACKEND",
    "TDM_DATASET_DIR",
    "TDM_HOME",
    "TDM_ENV_FILE",
    "MINIO_ENDPOINT",
    "MINIO_ACCESS_KEY",
    "MINIO_SECRET_KEY",
    "MINIO_BUCKET",
    "MINIO_REGION",
    "MINIO_SECURE",
    "MINIO_CREATE_BUCKET",
    "TDM_DATASET_PART_SIZE",
]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in _ENV_NAMES:
        monkeypatch.delenv(name, raising=False)


def test_defaults_are_a_local_directory_under_tdm_home(monkeypatch, tmp_path):
    monkeypatch.setenv("TDM_HOME", str(tmp_path))
    settings = get_settings()
    assert settings.backend == "local"
    assert settings.local_root == tmp_path / "datasets"
    assert settings.minio_bucket == "tdm-datasets"
    store = open_store(settings)
    assert isinstance(store, LocalDatasetStore)
    assert store.root == tmp_path / "datasets"


def test_dataset_dir_overrides_tdm_home(monkeypatch, tmp_path):
    monkeypatch.setenv("TDM_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("TDM_DATASET_DIR", str(tmp_path / "elsewhere"))
    assert get_settings().local_root == tmp_path / "elsewhere"


def test_s3_settings_from_environment(monkeypatch):
    monkeypatch.setenv("TDM_DATASET_BACKEND", "s3")
    monkeypatch.setenv("MINIO_ENDPOINT", "minio:9000")
    monkeypatch.setenv("MINIO_ACCESS_KEY", "access")
    monkeypatch.setenv("MINIO_SECRET_KEY", "very-secret-value")
    monkeypatch.setenv("MINIO_BUCKET", "qa-datasets")
    monkeypatch.setenv("MINIO_SECURE", "true")
    monkeypatch.setenv("TDM_DATASET_PART_SIZE", str(16 * 1024 * 1024))
    settings = get_settings()
    assert settings.endpoint_url == "https://minio:9000"
    assert settings.part_size == 16 * 1024 * 1024
    assert "very-secret-value" not in repr(settings)
    store = open_store(settings)
    assert isinstance(store, S3DatasetStore)
    assert store.bucket == "qa-datasets"
    assert "very-secret-value" not in repr(store)


def test_endpoint_url_keeps_an_explicit_scheme():
    settings = DatasetStoreSettings(minio_endpoint="http://127.0.0.1:9000", minio_secure=True)
    assert settings.endpoint_url == "http://127.0.0.1:9000"
    assert DatasetStoreSettings().endpoint_url is None


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("MINIO_ENDPOINT", "ftp://host"),
        ("MINIO_ENDPOINT", "http://"),
        ("MINIO_ENDPOINT", "http://user:pw@host:9000"),
        ("MINIO_BUCKET", "Bad_Bucket"),
        ("TDM_DATASET_BACKEND", "azure"),
        ("TDM_DATASET_PART_SIZE", "1024"),
    ],
)
def test_malformed_settings_name_the_setting(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as caught:
        get_settings()
    message = str(caught.value)
    assert name in message
    assert value not in message  # values (possibly credentials) are never echoed


def test_env_file_named_by_tdm_env_file(monkeypatch, tmp_path: Path):
    env_file = tmp_path / "tdm.env"
    env_file.write_text("TDM_DATASET_BACKEND=s3\nMINIO_BUCKET=from-env-file\nDATABASE_URL=postgresql://x/y\n")
    monkeypatch.setenv("TDM_ENV_FILE", str(env_file))
    settings = get_settings()
    assert settings.backend == "s3"
    assert settings.minio_bucket == "from-env-file"
