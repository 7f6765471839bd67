"""Secrets of the embedded stack, generated once and kept in `$TDM_HOME/secrets.env` (mode 0600)."""

from __future__ import annotations

import base64
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from cryptography.fernet import Fernet

from tdm_api.stack.env_files import read_env_file, write_env_file

SECRET_FILE_MODE = 0o600


def _fernet_key() -> str:
    return Fernet.generate_key().decode()


def _masking_key() -> str:
    # `<key id>:<key>`: the id lets masked data name the key that produced it, so keys can rotate.
    return "k1:" + base64.urlsafe_b64encode(os.urandom(32)).decode()


def _api_secret() -> str:
    return secrets.token_urlsafe(32)


SECRET_GENERATORS: dict[str, Callable[[], str]] = {
    "TDM_ENCRYPTION_KEYS": _fernet_key,
    "TDM_MASKING_KEYS": _masking_key,
    "API_SECRET_KEY": _api_secret,
}


def ensure_secrets(path: Path) -> dict[str, str]:
    """Return the stack's secrets, generating only those missing from `path`.

    Existing values are never replaced: data encrypted or masked with them must stay readable.
    """
    existing = read_env_file(path)
    values = dict(existing)
    for name, generate in SECRET_GENERATORS.items():
        if not values.get(name):
            values[name] = generate()
    if values != existing or not path.exists():
        write_env_file(path, values, mode=SECRET_FILE_MODE, header="Secrets of the embedded TDM stack.")
    os.chmod(path, SECRET_FILE_MODE)
    return values


def is_secret(name: str) -> bool:
    """Whether a setting's value must be masked when shown."""
    upper = name.upper()
    return name in SECRET_GENERATORS or any(part in upper for part in ("KEY", "SECRET", "PASSWORD", "TOKEN"))


def mask(name: str, value: str) -> str:
    """The value of a setting as it may be shown to a person: secrets replaced by asterisks."""
    return "********" if is_secret(name) and value else value
