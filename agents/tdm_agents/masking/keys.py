"""Masking keys: parsed from settings, identified by key id, split into per-purpose subkeys.

Only key ids ever leave this module (lineage, logs, errors); key material never does.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from functools import lru_cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from tdm_agents.masking.settings import MaskingSettings

MIN_KEY_BYTES = 32
_HKDF_SALT = b"tdm-masking-subkey-v1"


class MaskingKeyError(ValueError):
    """A masking key is missing, malformed or too short (the API answers 422)."""


@dataclass(frozen=True)
class MaskingKey:
    """One masking key; `repr` and `str` show the id only."""

    key_id: str
    material: bytes = field(repr=False)

    def subkey(self, purpose: str, length: int = 32) -> bytes:
        """An HKDF-SHA-256 subkey for one purpose, so FPE, HMAC and fake seeds never share a key."""
        return _derive(self.material, purpose, length)

    def __str__(self) -> str:
        return f"MaskingKey({self.key_id})"


@lru_cache(maxsize=1024)
def _derive(material: bytes, purpose: str, length: int) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=length, salt=_HKDF_SALT, info=purpose.encode())
    return hkdf.derive(material)


@dataclass(frozen=True)
class MaskingKeyring:
    """All configured keys by id, and the id of the key that masks new data."""

    keys: dict[str, MaskingKey]
    active_key_id: str

    @property
    def active(self) -> MaskingKey:
        """The key used for new masking runs."""
        return self.keys[self.active_key_id]

    def get(self, key_id: str) -> MaskingKey:
        """A key by id (to detokenize values masked under an older key)."""
        try:
            return self.keys[key_id]
        except KeyError:
            raise MaskingKeyError(f"masking key id {key_id!r} is not configured") from None


def _decode_key(key_id: str, encoded: str) -> bytes:
    padded = encoded + "=" * (-len(encoded) % 4)
    try:
        material = base64.urlsafe_b64decode(padded.encode("ascii"))
    except (binascii.Error, UnicodeEncodeError):
        raise MaskingKeyError(f"masking key {key_id!r} is not valid urlsafe base64") from None
    if len(material) < MIN_KEY_BYTES:
        raise MaskingKeyError(
            f"masking key {key_id!r} is {len(material)} bytes; at least {MIN_KEY_BYTES} are required"
        )
    return material


def parse_masking_keys(spec: str) -> dict[str, MaskingKey]:
    """Parse `kid1:<urlsafe-b64>,kid2:...` into keys by id, in the order given."""
    keys: dict[str, MaskingKey] = {}
    for index, entry in enumerate(part.strip() for part in spec.split(",")):
        if not entry:
            continue
        key_id, sep, encoded = entry.partition(":")
        key_id = key_id.strip()
        if not sep or not key_id or not encoded.strip():
            raise MaskingKeyError(f"masking key entry #{index + 1} must look like `key_id:base64`")
        if key_id in keys:
            raise MaskingKeyError(f"masking key id {key_id!r} appears twice")
        keys[key_id] = MaskingKey(key_id, _decode_key(key_id, encoded.strip()))
    if not keys:
        raise MaskingKeyError("no masking key configured: set TDM_MASKING_KEYS to `key_id:base64key`")
    return keys


def load_keyring(settings: MaskingSettings | None = None) -> MaskingKeyring:
    """Build the keyring from settings; raises MaskingKeyError when keys are missing or invalid."""
    settings = settings if settings is not None else MaskingSettings()
    if settings.keys is None or not settings.keys.get_secret_value().strip():
        raise MaskingKeyError("no masking key configured: set TDM_MASKING_KEYS to `key_id:base64key`")
    keys = parse_masking_keys(settings.keys.get_secret_value())
    active = settings.active_key or next(iter(keys))
    if active not in keys:
        raise MaskingKeyError(f"TDM_MASKING_ACTIVE_KEY names {active!r}, which is not in TDM_MASKING_KEYS")
    return MaskingKeyring(keys=keys, active_key_id=active)
