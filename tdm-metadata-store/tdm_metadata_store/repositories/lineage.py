"""Lineage edges between schema versions, dataset versions, environments and jobs, and per column."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, or_, select

from tdm_metadata_store.models import ColumnLineage, Lineage
from tdm_metadata_store.repositories.base import Repository


@dataclass(frozen=True)
class ColumnLineageEntry:
    """Which rule touched one column; key_id names the key, never holds it."""

    table_name: str
    column_name: str
    rule_type: str
    rule_set_id: uuid.UUID | None = None
    rule_set_version: int | None = None
    key_id: str | None = None


class LineageRepository(Repository):
    """Edges are appended, never updated: the graph is a history."""

    def add(
        self,
        *,
        source_type: str,
        source_id: uuid.UUID | str,
        target_type: str,
        target_id: uuid.UUID | str,
        operation: str,
        job_id: uuid.UUID | None = None,
        details: dict[str, Any] | None = None,
    ) -> Lineage:
        """Record that `target` came from (or went to) `source` through `operation`."""
        row = Lineage(
            source_type=source_type,
            source_id=str(source_id),
            target_type=target_type,
            target_id=str(target_id),
            operation=operation,
            job_id=job_id,
            details=details,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def edges_touching(self, node_ids: Iterable[uuid.UUID | str]) -> Sequence[Lineage]:
        """Every edge whose source or target is one of the nodes (one step of a graph walk)."""
        ids = sorted({str(node_id) for node_id in node_ids})
        if not ids:
            return []
        return self.session.scalars(
            select(Lineage)
            .where(or_(Lineage.source_id.in_(ids), Lineage.target_id.in_(ids)))
            .order_by(Lineage.created_at, Lineage.id)
        ).all()

    def add_column_lineage(self, dataset_version_id: uuid.UUID, entries: Sequence[ColumnLineageEntry]) -> int:
        """Record which rule touched which column of a dataset version."""
        if entries:
            self.session.execute(
                insert(ColumnLineage),
                [
                    {
                        "dataset_version_id": dataset_version_id,
                        "table_name": e.table_name,
                        "column_name": e.column_name,
                        "rule_type": e.rule_type,
                        "rule_set_id": e.rule_set_id,
                        "rule_set_version": e.rule_set_version,
                        "key_id": e.key_id,
                    }
                    for e in entries
                ],
            )
        return len(entries)

    def column_lineage_for(self, dataset_version_id: uuid.UUID) -> Sequence[ColumnLineage]:
        """The column-level entries of a dataset version by table and column."""
        return self.session.scalars(
            select(ColumnLineage)
            .where(ColumnLineage.dataset_version_id == dataset_version_id)
            .order_by(ColumnLineage.table_name, ColumnLineage.column_name)
        ).all()
