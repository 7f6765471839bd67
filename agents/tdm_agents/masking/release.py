"""Which datasets may leave for which environments: the rules both the API and the provision job apply."""

from __future__ import annotations

from typing import Any

# Datasets holding rows copied from a source database, as they were there.
UNMASKED = frozenset({"subset", "imported"})
# Datasets whose columns come from a discovered source schema (the drift gate applies to them).
SOURCE_DERIVED = frozenset({"subset", "imported", "masked"})


def environment_tier(config: dict[str, Any] | None) -> str:
    """The environment's tier; an environment that does not say is non-production (privacy by default)."""
    return str((config or {}).get("tier") or "non_production")


def needs_unmasked_override(source_type: str, config: dict[str, Any] | None) -> bool:
    """True when loading this dataset there needs an explicit, audited override."""
    return source_type in UNMASKED and environment_tier(config) != "production"
