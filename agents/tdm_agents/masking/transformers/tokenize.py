"""mask.tokenize: a deterministic token per value, reversible through a token vault.

The token is a keyed HMAC of the value (so equal values share a token and joins still work);
the vault keeps (token -> AES-GCM ciphertext of the value) under the key id, written through a
`TokenSink` the metadata store implements. `detokenize` reverses it for authorized callers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar, Protocol

import pyarrow as pa
import pyarrow.compute as pc
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from pydantic import BaseModel, Field

from tdm_agents.masking.arrow_text import fixed_width_strings, hex_chars
from tdm_agents.masking.context import MaskContext
from tdm_agents.masking.keys import MaskingKeyring
from tdm_agents.masking.transformers.base import ColumnScope, Guarantees, RuleOptions, Transformer, as_text

_NONCE = 12
_VAULT_PURPOSE = "token-vault"


class TokenSink(Protocol):
    """Where (token -> encrypted value) pairs go; the orchestrator backs it with the token vault."""

    def store_tokens(self, key_id: str, tokens: pa.Array, ciphertexts: pa.Array) -> None:
        """Upsert pairs (tokens: string, ciphertexts: binary); a token already stored may be skipped."""


class InMemoryTokenSink:
    """A token sink held in a dict: for previews, library use and tests."""

    def __init__(self) -> None:
        self.pairs: dict[str, tuple[str, bytes]] = {}

    def store_tokens(self, key_id: str, tokens: pa.Array, ciphertexts: pa.Array) -> None:
        """Keep the first ciphertext seen per token."""
        for token, ciphertext in zip(tokens.to_pylist(), ciphertexts.to_pylist(), strict=True):
            self.pairs.setdefault(token, (key_id, ciphertext))

    def lookup(self, tokens: Sequence[str]) -> dict[str, tuple[str, bytes]]:
        """(key id, ciphertext) for each known token."""
        return {t: self.pairs[t] for t in tokens if t in self.pairs}


class TokenizeOptions(RuleOptions):
    prefix: str = Field("tok_", pattern=r"^[A-Za-z0-9_:-]{0,16}$", description="Text in front of every token")
    length: int = Field(24, ge=16, le=64, description="Hex characters of the token after the prefix")


class TokenizeTransformer(Transformer):
    name: ClassVar[str] = "mask.tokenize"
    description: ClassVar[str] = (
        "Replace values by deterministic tokens; originals are kept encrypted in the token vault."
    )
    categories: ClassVar[frozenset[str]] = frozenset({"string", "other"})  # tokens fit text columns only
    options_model: ClassVar[type[BaseModel]] = TokenizeOptions
    guarantees: ClassVar[Guarantees] = Guarantees(
        deterministic=True, format_preserving=False, unique_preserving=True, reversible=True, leak_check="any"
    )

    def transform(
        self, values: pa.Array, options: BaseModel, scope: ColumnScope, ctx: MaskContext
    ) -> pa.Array:
        assert isinstance(options, TokenizeOptions)
        if ctx.token_sink is None:
            raise RuntimeError("mask.tokenize needs a token vault (MaskContext.token_sink)")
        text = as_text(values)
        digests = ctx.keyed_hash(self.name).digest_array(text)
        body = fixed_width_strings(hex_chars(digests[:, : (options.length + 1) // 2])[:, : options.length])
        tokens = pc.binary_join_element_wise(options.prefix, body, "")
        present = pc.is_valid(text)
        kept_tokens, kept_values = pc.filter(tokens, present), pc.filter(text, present)
        ciphertexts = encrypt_for_vault(ctx, kept_tokens, kept_values)
        ctx.token_sink.store_tokens(ctx.key_id, kept_tokens, ciphertexts)
        return tokens


def _vault_cipher(keyring: MaskingKeyring, key_id: str) -> AESGCM:
    return AESGCM(keyring.get(key_id).subkey(_VAULT_PURPOSE))


def encrypt_for_vault(ctx: MaskContext, tokens: pa.Array, values: pa.Array) -> pa.Array:
    """AES-GCM ciphertexts (nonce || ciphertext) of values, each bound to its token as associated data."""
    cipher = _vault_cipher(ctx.keyring, ctx.key_id)
    out = []
    for token, value in zip(tokens.to_pylist(), values.to_pylist(), strict=True):
        nonce = os.urandom(_NONCE)
        out.append(nonce + cipher.encrypt(nonce, value.encode(), token.encode()))
    return pa.array(out, pa.binary())


def detokenize(
    tokens: Sequence[str | None],
    lookup: Callable[[Sequence[str]], Mapping[str, tuple[str, bytes]]],
    keyring: MaskingKeyring,
) -> list[str | None]:
    """Original values for tokens (None where unknown). `lookup` returns token -> (key id, ciphertext).

    Callers (an Admin-only, audited API route) must not log the result.
    """
    wanted = sorted({t for t in tokens if t is not None})
    found = lookup(wanted)
    plain: dict[str, str] = {}
    for token, (key_id, blob) in found.items():
        cipher = _vault_cipher(keyring, key_id)
        plain[token] = cipher.decrypt(blob[:_NONCE], blob[_NONCE:], token.encode()).decode()
    return [plain.get(t) if t is not None else None for t in tokens]
