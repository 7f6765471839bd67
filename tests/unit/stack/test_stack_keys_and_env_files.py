"""Stack secrets are generated once, kept private, and survive being read back."""

import base64
import stat

import pytest
from cryptography.fernet import Fernet

from tdm_api.stack.env_files import read_env_file, write_env_file
from tdm_api.stack.keys import ensure_secrets, mask


def test_secrets_are_generated_once_with_mode_0600(tmp_path):
    path = tmp_path / "secrets.env"
    first = ensure_secrets(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert ensure_secrets(path) == first
    assert read_env_file(path) == first


def test_secret_formats(tmp_path):
    values = ensure_secrets(tmp_path / "secrets.env")
    Fernet(values["TDM_ENCRYPTION_KEYS"].encode())  # raises when the key is malformed
    key_id, key = values["TDM_MASKING_KEYS"].split(":", 1)
    assert key_id == "k1"
    assert len(base64.urlsafe_b64decode(key)) == 32
    assert len(values["API_SECRET_KEY"]) >= 32
    for name in ("TDM_POSTGRES_PASSWORD", "TDM_REDIS_PASSWORD"):
        # Written into DATABASE_URL / REDIS_URL as is, so only URL-safe characters.
        assert len(values[name]) >= 32 and values[name].replace("-", "").replace("_", "").isalnum()
    assert values["TDM_POSTGRES_PASSWORD"] != values["TDM_REDIS_PASSWORD"]


def test_only_missing_secrets_are_added(tmp_path):
    path = tmp_path / "secrets.env"
    write_env_file(path, {"API_SECRET_KEY": "kept-as-it-was"}, mode=0o644)
    values = ensure_secrets(path)
    assert values["API_SECRET_KEY"] == "kept-as-it-was"
    assert set(values) == {
        "API_SECRET_KEY", "TDM_ENCRYPTION_KEYS", "TDM_MASKING_KEYS", "TDM_POSTGRES_PASSWORD",
        "TDM_REDIS_PASSWORD",
    }  # fmt: skip
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_env_file_round_trip_with_quoted_values(tmp_path):
    path = tmp_path / "tdm.env"
    values = {"PLAIN": "postgresql://u@h:1/db", "SPACED": "a value with spaces", "EMPTY": ""}
    write_env_file(path, values, header="a header\nof two lines")
    assert read_env_file(path) == values
    with pytest.raises(ValueError):
        write_env_file(path, {"BAD": "it's"})


def test_secrets_are_masked_for_display():
    assert mask("API_SECRET_KEY", "abc") == "********"
    assert mask("TDM_MASKING_KEYS", "k1:abc") == "********"
    assert mask("REDIS_URL", "redis://h:1/0") == "redis://h:1/0"
    assert mask("TDM_POSTGRES_PASSWORD", "pw") == "********"


def test_passwords_in_urls_are_masked_for_display():
    assert mask("REDIS_URL", "redis://:s3cret@127.0.0.1:6380/0") == "redis://:********@127.0.0.1:6380/0"
    shown = mask("DATABASE_URL", "postgresql://postgres:s3cret@127.0.0.1:5433/tdm")
    assert shown == "postgresql://postgres:********@127.0.0.1:5433/tdm"
    assert mask("TDM_DATASET_DIR", "/home/u/.tdm/datasets") == "/home/u/.tdm/datasets"
