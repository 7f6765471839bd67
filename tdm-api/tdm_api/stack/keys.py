"""Secrets of the embedded stack, generated once and kept in `$TDM_HOME/secrets.env` (mode 0600)."""

from __future__ import annotations

import base64
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

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


def _server_password() -> str:
    # URL-safe characters only: the password is written into DATABASE_URL and REDIS_URL as is.
    return secrets.token_urlsafe(24)


POSTGRES_PASSWORD = "TDM_POSTGRES_PASSWORD"
REDIS_PASSWORD = "TDM_REDIS_PASSWORD"

SECRET_GENERATORS: dict[str, Callable[[], str]] = {
    "TDM_ENCRYPTION_KEYS": _fernet_key,
    "TDM_MASKING_KEYS": _masking_key,
    "API_SECRET_KEY": _api_secret,
    POSTGRES_PASSWORD: _server_password,
    REDIS_PASSWORD: _server_password,
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


def redact_url(value: str) -> str:
    """A URL with its password replaced by asterisks; other values unchanged."""
    try:
        parts = urlsplit(value)
        password = parts.password
    except ValueError:
        return value
    if not password:
        return value
    netloc = parts.netloc.replace(f":{password}@", ":********@", 1)
    return parts._replace(netloc=netloc).geturl()


def mask(name: str, value: str) -> str:
    """The value of a setting as it may be shown to a person: secrets and URL passwords masked."""
    return "********" if is_secret(name) and value else redact_url(value)
