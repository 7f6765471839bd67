"""The vault behind reversible tokenization: token -> encrypted original, per key id."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from tdm_metadata_store.crypto import SecretBox
from tdm_metadata_store.models import VaultToken
from tdm_metadata_store.repositories.base import Repository

# Rows per INSERT statement: bounds statement size when a whole column is tokenized.
INSERT_CHUNK = 5000


class TokenVaultRepository(Repository):
    """Stores originals encrypted; detokenization is the caller's audited, admin-only action."""

    def store(self, key_id: str, originals_by_token: Mapping[str, str], box: SecretBox) -> int:
        """Keep each token's original (encrypted); tokens already in the vault are left as they are."""
        items = list(originals_by_token.items())
        for start in range(0, len(items), INSERT_CHUNK):
            chunk = items[start : start + INSERT_CHUNK]
            statement = pg_insert(VaultToken).values(
                [
                    {"key_id": key_id, "token": token, "value_encrypted": box.encrypt(value)}
                    for token, value in chunk
                ]
            )
            self.session.execute(statement.on_conflict_do_nothing(index_elements=["key_id", "token"]))
        return len(items)

    def known_tokens(self, key_id: str, tokens: Iterable[str]) -> set[str]:
        """Which of the tokens are already in the vault (to skip re-encrypting them)."""
        wanted = list(set(tokens))
        if not wanted:
            return set()
        return set(
            self.session.scalars(
                select(VaultToken.token).where(VaultToken.key_id == key_id, VaultToken.token.in_(wanted))
            )
        )

    def reveal(self, key_id: str, tokens: Iterable[str], box: SecretBox) -> dict[str, str]:
        """The originals of the tokens found in the vault (missing tokens are absent from the result)."""
        wanted = list(set(tokens))
        if not wanted:
            return {}
        rows = self.session.execute(
            select(VaultToken.token, VaultToken.value_encrypted).where(
                VaultToken.key_id == key_id, VaultToken.token.in_(wanted)
            )
        ).all()
        return {token: box.decrypt(encrypted) for token, encrypted in rows}

    def rotate_all(self, box: SecretBox) -> int:
        """Re-encrypt every vault entry with the primary key; returns how many were rewritten."""
        rows = self.session.scalars(select(VaultToken).with_for_update()).all()
        for row in rows:
            row.value_encrypted = box.rotate(row.value_encrypted)
        self.session.flush()
        return len(rows)
