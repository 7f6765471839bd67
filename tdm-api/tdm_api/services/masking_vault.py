"""Detokenization: tokens of one key id back to their original values, through the token vault.

The vault holds each original as an AES-GCM ciphertext under the masking key, itself encrypted with
the platform's SecretBox (see the masking subgraph's VaultTokenSink), so both keys are needed.
The route that calls this is Admin-only and audited; nothing here logs a value.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from sqlalchemy.orm import Session

from tdm_agents.masking import MaskingKeyError, MaskingKeyring, detokenize
from tdm_api.errors import Conflict, Invalid
from tdm_metadata_store.crypto import SecretBox, SecretBoxError
from tdm_metadata_store.repositories.token_vault import TokenVaultRepository


def reveal_tokens(
    session: Session, box: SecretBox, keyring: MaskingKeyring, key_id: str, tokens: Sequence[str]
) -> list[str | None]:
    """Original values in the order of `tokens` (None where the vault has no such token)."""
    try:
        keyring.get(key_id)
    except MaskingKeyError as exc:
        raise Invalid(str(exc), field="key_id") from None
    repo = TokenVaultRepository(session)

    def lookup(wanted: Sequence[str]) -> dict[str, tuple[str, bytes]]:
        stored = repo.reveal(key_id, wanted, box)
        return {token: (key_id, base64.b64decode(blob)) for token, blob in stored.items()}

    try:
        return detokenize(list(tokens), lookup, keyring)
    except (InvalidTag, SecretBoxError, binascii.Error):
        raise Conflict(
            "A stored token cannot be decrypted with the configured keys (was a key removed?).",
            field="key_id",
        ) from None
