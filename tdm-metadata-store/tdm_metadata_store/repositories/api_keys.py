"""API keys: only a SHA-256 hash is stored (keys are random and long, so no slow hash is needed)."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update

from tdm_metadata_store.models import API_KEY_ROLES, ApiKey
from tdm_metadata_store.repositories.base import Repository

KEY_PREFIX = "tdm_"
LAST_USED_RESOLUTION = timedelta(seconds=60)
DISPLAY_PREFIX_LENGTH = 8


def hash_api_key(plaintext: str) -> str:
    """Hex SHA-256 of a key, as stored and looked up."""
    return hashlib.sha256(plaintext.encode()).hexdigest()


def generate_api_key() -> str:
    """A new key: `tdm_` and 43 URL-safe random characters (256 bits)."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


class ApiKeyRepository(Repository):
    """Creates, authenticates and revokes API keys."""

    def create(self, name: str, role: str, created_by: str | None = None) -> tuple[ApiKey, str]:
        """Create a key; returns the row and the plaintext key, which is never retrievable again."""
        if role not in API_KEY_ROLES:
            raise ValueError(f"role must be one of {', '.join(API_KEY_ROLES)}")
        plaintext = generate_api_key()
        row = ApiKey(
            name=name,
            role=role,
            key_prefix=plaintext[:DISPLAY_PREFIX_LENGTH],
            key_hash=hash_api_key(plaintext),
            created_by=created_by,
        )
        self.session.add(row)
        self.session.flush()
        return row, plaintext

    def authenticate(self, plaintext: str) -> ApiKey | None:
        """The live key matching `plaintext`, or None for unknown/revoked keys.

        `last_used_at` is refreshed at most once a minute: writing it on every request would make
        every request of one key queue behind the same row lock.
        """
        if not plaintext.startswith(KEY_PREFIX):
            return None
        row = self.session.scalar(
            select(ApiKey).where(ApiKey.key_hash == hash_api_key(plaintext), ApiKey.revoked_at.is_(None))
        )
        if row is None:
            return None
        stale = row.last_used_at is None or row.last_used_at < datetime.now(UTC) - LAST_USED_RESOLUTION
        if stale:
            self.session.execute(update(ApiKey).where(ApiKey.id == row.id).values(last_used_at=func.now()))
        return row

    def get(self, key_id: uuid.UUID) -> ApiKey | None:
        """The key with this id, or None."""
        return self.session.get(ApiKey, key_id)

    def list(self, include_revoked: bool = True) -> Sequence[ApiKey]:
        """Keys by creation time (hash and prefix only; the plaintext is never stored)."""
        query = select(ApiKey).order_by(ApiKey.created_at, ApiKey.name)
        if not include_revoked:
            query = query.where(ApiKey.revoked_at.is_(None))
        return self.session.scalars(query).all()

    def count_active(self, role: str | None = None) -> int:
        """How many unrevoked keys exist (optionally of one role): the first start creates one if 0."""
        query = select(func.count()).select_from(ApiKey).where(ApiKey.revoked_at.is_(None))
        if role is not None:
            query = query.where(ApiKey.role == role)
        return self.session.scalar(query) or 0

    def revoke(self, key_id: uuid.UUID) -> bool:
        """Revoke a key from now on; False when it is unknown or already revoked."""
        result = self.session.execute(
            update(ApiKey)
            .where(ApiKey.id == key_id, ApiKey.revoked_at.is_(None))
            .values(revoked_at=func.now())
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]
