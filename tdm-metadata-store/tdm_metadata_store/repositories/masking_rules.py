"""Masking rule sets: every change is a new version; earlier versions stay readable."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select, text

from tdm_metadata_store.models import MaskingRuleSet
from tdm_metadata_store.repositories.base import Repository


class MaskingRuleRepository(Repository):
    """Versioned, append-only rule sets."""

    def create_version(
        self,
        name: str,
        rules: dict[str, Any],
        *,
        description: str | None = None,
        schema_version_id: uuid.UUID | None = None,
        created_by: str | None = None,
        unknown_columns: str = "fail",
    ) -> MaskingRuleSet:
        """Store `rules` as version N+1 of the named rule set (1 for a new name)."""
        # A transaction-scoped lock on the name serializes concurrent saves of the same rule set.
        self.session.execute(
            text("SELECT pg_advisory_xact_lock(hashtext(:name))"), {"name": f"masking:{name}"}
        )
        last = self.session.scalar(
            select(func.max(MaskingRuleSet.version)).where(MaskingRuleSet.name == name)
        )
        row = MaskingRuleSet(
            name=name,
            version=(last or 0) + 1,
            rules_json=rules,
            description=description,
            schema_version_id=schema_version_id,
            created_by=created_by,
            unknown_columns=unknown_columns,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def get(self, rule_set_id: uuid.UUID) -> MaskingRuleSet | None:
        """The rule set version with this id, or None."""
        return self.session.get(MaskingRuleSet, rule_set_id)

    def get_version(self, name: str, version: int) -> MaskingRuleSet | None:
        """Version `version` of the named rule set, or None."""
        return self.session.scalar(
            select(MaskingRuleSet).where(MaskingRuleSet.name == name, MaskingRuleSet.version == version)
        )

    def latest(self, name: str) -> MaskingRuleSet | None:
        """The newest version of the named rule set, or None."""
        return self.session.scalar(
            select(MaskingRuleSet)
            .where(MaskingRuleSet.name == name)
            .order_by(MaskingRuleSet.version.desc())
            .limit(1)
        )

    def list(self, name: str | None = None, latest_only: bool = False) -> Sequence[MaskingRuleSet]:
        """Rule set versions by name and version; `latest_only` keeps the newest of each name."""
        query = select(MaskingRuleSet)
        if name is not None:
            query = query.where(MaskingRuleSet.name == name)
        if latest_only:
            newest = (
                select(MaskingRuleSet.name, func.max(MaskingRuleSet.version).label("version"))
                .group_by(MaskingRuleSet.name)
                .subquery()
            )
            query = query.join(
                newest, (newest.c.name == MaskingRuleSet.name) & (newest.c.version == MaskingRuleSet.version)
            )
        return self.session.scalars(query.order_by(MaskingRuleSet.name, MaskingRuleSet.version)).all()
