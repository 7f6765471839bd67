"""Encryption of secrets at rest (MultiFernet with key rotation)."""

from __future__ import annotations

from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class SecretBoxError(Exception):
    """A secret could not be encrypted or decrypted; the message never contains the secret."""


class SecretBox:
    """Encrypts with the primary (first) key and decrypts with any configured key."""

    def __init__(self, fernet: MultiFernet) -> None:
        self._fernet = fernet

    @classmethod
    def from_keys(cls, keys: Sequence[str]) -> SecretBox:
        """Build a box from Fernet keys, primary first; refuses an empty or malformed key list."""
        cleaned = [key.strip() for key in keys if key and key.strip()]
        if not cleaned:
            raise SecretBoxError("no encryption key configured (set TDM_ENCRYPTION_KEYS)")
        try:
            fernets = [Fernet(key.encode()) for key in cleaned]
        except (ValueError, TypeError) as exc:
            raise SecretBoxError("an encryption key is not a valid Fernet key") from exc
        return cls(MultiFernet(fernets))

    def encrypt(self, plaintext: str) -> str:
        """Encrypt text with the primary key; returns a URL-safe token."""
        return self._fernet.encrypt(plaintext.encode()).decode()

    def decrypt(self, token: str) -> str:
        """Decrypt a token made with any configured key."""
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken as exc:
            raise SecretBoxError("a stored secret cannot be decrypted with the configured keys") from exc

    def rotate(self, token: str) -> str:
        """Re-encrypt a token with the primary key (after a new key was put first)."""
        try:
            return self._fernet.rotate(token.encode()).decode()
        except InvalidToken as exc:
            raise SecretBoxError("a stored secret cannot be decrypted with the configured keys") from exc


def generate_key() -> str:
    """A new random Fernet key."""
    return Fernet.generate_key().decode()
