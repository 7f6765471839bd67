"""`tdm rotate-secrets`: re-encrypt every stored secret with the newest key of TDM_ENCRYPTION_KEYS."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from tdm_api.cli.console import err, out

if TYPE_CHECKING:
    from sqlalchemy.orm import sessionmaker

    from tdm_metadata_store.crypto import SecretBox


def rotate_secrets() -> None:
    """Re-encrypt connection URLs, environment URLs, webhook secrets and token-vault entries with the first key.

    Run it after putting a new key first in TDM_ENCRYPTION_KEYS (keeping the old ones after it) and
    restarting the services; once it succeeds, the old keys may be removed. It runs in one
    transaction: either every secret is rewritten or none is.
    """
    # Imported on use: the CLI starts (and `tdm --help` answers) without loading the models.
    from tdm_metadata_store.crypto import SecretBox, SecretBoxError
    from tdm_metadata_store.db import make_engine, make_session_factory
    from tdm_metadata_store.settings import get_settings

    settings = get_settings()
    keys = settings.encryption_key_list()
    if not keys:
        err.print("error: TDM_ENCRYPTION_KEYS is not set", markup=False)
        raise typer.Exit(2)
    box = SecretBox.from_keys(keys)
    engine = make_engine(settings.database_url)
    try:
        counts = _rotate_all(box, make_session_factory(engine))
    except SecretBoxError as exc:
        # Some secret was encrypted with a key no longer listed: nothing was changed (one transaction).
        err.print(f"error: {exc}; nothing was re-encrypted", markup=False)
        raise typer.Exit(1) from None
    finally:
        engine.dispose()
    out.print("re-encrypted " + ", ".join(f"{n} {what}" for what, n in counts.items()), markup=False)


def _rotate_all(box: SecretBox, session_factory: sessionmaker) -> dict[str, int]:
    from tdm_metadata_store.db import unit_of_work
    from tdm_metadata_store.repositories.connections import ConnectionRepository
    from tdm_metadata_store.repositories.environments import EnvironmentRepository
    from tdm_metadata_store.repositories.token_vault import TokenVaultRepository
    from tdm_metadata_store.repositories.webhooks import WebhookRepository

    with unit_of_work(session_factory) as session:
        return {
            "connections": ConnectionRepository(session).rotate_all(box),
            "environments": EnvironmentRepository(session).rotate_all(box),
            "webhooks": WebhookRepository(session).rotate_all(box),
            "token vault entries": TokenVaultRepository(session).rotate_all(box),
        }


def register(app: typer.Typer) -> None:
    """Add `tdm rotate-secrets` to the CLI."""
    app.command("rotate-secrets")(rotate_secrets)
