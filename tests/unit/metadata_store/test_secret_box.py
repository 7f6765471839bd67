"""SecretBox encryption, rotation and failures; URL redaction."""

from __future__ import annotations

import pytest

from tdm_metadata_store.crypto import SecretBox, SecretBoxError, generate_key


def test_round_trip_and_ciphertext_hides_plaintext() -> None:
    box = SecretBox.from_keys([generate_key()])
    token = box.encrypt("postgresql://app:s3cret@db/prod")
    assert "s3cret" not in token
    assert box.decrypt(token) == "postgresql://app:s3cret@db/prod"


def test_rotation_moves_tokens_to_the_new_primary_key() -> None:
    old_key, new_key = generate_key(), generate_key()
    old_token = SecretBox.from_keys([old_key]).encrypt("value")
    rotating = SecretBox.from_keys([new_key, old_key])
    rotated = rotating.rotate(old_token)
    assert SecretBox.from_keys([new_key]).decrypt(rotated) == "value"
    with pytest.raises(SecretBoxError):
        SecretBox.from_keys([old_key]).decrypt(rotated)


def test_no_key_is_a_clear_error() -> None:
    with pytest.raises(SecretBoxError, match="no encryption key"):
        SecretBox.from_keys([])
    with pytest.raises(SecretBoxError, match="no encryption key"):
        SecretBox.from_keys(["  "])


def test_malformed_key_is_rejected() -> None:
    with pytest.raises(SecretBoxError, match="not a valid Fernet key"):
        SecretBox.from_keys(["not-a-key"])


def test_undecryptable_token_error_does_not_echo_it() -> None:
    box = SecretBox.from_keys([generate_key()])
    foreign = SecretBox.from_keys([generate_key()]).encrypt("hunter2")
    with pytest.raises(SecretBoxError) as info:
        box.decrypt(foreign)
    assert foreign not in str(info.value)
    with pytest.raises(SecretBoxError):
        box.rotate("garbage")
