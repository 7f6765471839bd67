"""The schema drift gate: masking rules were written for one schema version; a newer version of the
same source with new or changed columns stops mask and provision jobs until each such column is
ruled (a rule in a rule set saved for the newest version) or reviewed as not personal.

Drift is what `schema_discovery.diff` reports between the baseline (the version the rules or the
dataset were made for) and the schema's newest version: columns of added tables, added columns,
and columns whose definition changed (a changed type also voids earlier reviews). Removed tables
and columns never block. Reports name tables and columns and say why, never values.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy.orm import Session

from tdm_agents.masking.decisions import valid_reviews
from tdm_agents.masking.rules import RuleValidationError, validate_rules
from tdm_agents.schema_discovery.diff import SchemaDiff, diff_snapshots
from tdm_metadata_store.models import SchemaVersion
from tdm_metadata_store.repositories.masking_rules import MaskingRuleRepository
from tdm_metadata_store.repositories.pii import PiiRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository
from tdm_metadata_store.snapshot import SchemaSnapshot, table_key

ColumnKey = tuple[str, str]


@dataclass
class GateBlocker:
    """One drifted column that still needs a rule or a review."""

    table: str
    column: str
    change: Literal["added", "changed"]
    reason: str


@dataclass
class DriftGate:
    """Whether mask and provision jobs may run on data of the baseline version, and what blocks them."""

    schema_id: str
    baseline_version_id: str | None
    baseline_version: int | None
    latest_version_id: str | None
    latest_version: int | None
    open: bool = True
    drifted_columns: int = 0
    resolved_columns: int = 0
    blockers: list[GateBlocker] = field(default_factory=list)

    def summary(self) -> str:
        """A value-free sentence for job errors and the CLI."""
        if self.open:
            return f"drift gate open ({self.drifted_columns} drifted column(s), all ruled or reviewed)"
        listed = "; ".join(f"{b.table}.{b.column}: {b.reason}" for b in self.blockers[:20])
        more = f" (and {len(self.blockers) - 20} more)" if len(self.blockers) > 20 else ""
        return (
            f"schema drift since version {self.baseline_version} blocks: {len(self.blockers)} column(s) "
            f"of version {self.latest_version} need a masking rule or a review as not personal: {listed}{more}"
        )


def drifted_columns(diff: SchemaDiff, latest: SchemaSnapshot) -> dict[ColumnKey, tuple[str, str]]:
    """(table key, column) -> (added|changed, what changed) for every column the diff adds or changes."""
    out: dict[ColumnKey, tuple[str, str]] = {}
    for name in diff.added_tables:
        added = latest.table(name)
        if added is None:
            continue
        for column in added.columns:
            out[(added.key, column.name)] = ("added", "new table")
    for change in diff.changed_tables:
        info = latest.table(change.table)
        key = info.key if info else change.table
        for column_name in change.added_columns:
            out[(key, column_name)] = ("added", "new column")
        for changed in change.changed_columns:
            fields = ", ".join(c.field for c in changed.changes)
            out[(key, changed.column)] = ("changed", f"definition changed ({fields})")
    return out


def ruled_columns(session: Session, version_id: uuid.UUID, snapshot: SchemaSnapshot) -> set[ColumnKey]:
    """Columns covered (directly or through a foreign key) by a rule set saved for this version."""
    covered: set[ColumnKey] = set()
    for row in MaskingRuleRepository(session).list():
        if row.schema_version_id != version_id:
            continue
        try:
            covered |= {(r.table, r.column) for r in validate_rules(row.rules_json, snapshot)}
        except (RuleValidationError, ValueError):
            continue  # a rule set that no longer fits covers nothing
    return covered


def _reason(what: str, decision: str | None, classified: str | None, latest: int) -> str:
    if decision in ("confirm", "change"):
        return f"{what}; reviewed as personal, needs a masking rule in a rule set for version {latest}"
    if classified:
        return f"{what}; classified as {classified}, needs a masking rule (or a review as not personal)"
    return f"{what}; not yet ruled or reviewed"


def evaluate_gate(session: Session, baseline: SchemaVersion) -> DriftGate:
    """The gate for data and rules made for `baseline`, against its schema's newest version."""
    repo = SchemaRepository(session)
    latest = repo.latest_version(baseline.schema_id) or baseline
    gate = DriftGate(
        str(baseline.schema_id),
        str(baseline.id),
        baseline.version_number,
        str(latest.id),
        latest.version_number,
    )
    if latest.version_number <= baseline.version_number:
        return gate
    new = repo.load_snapshot(latest.id, include_virtual=False)
    drift = drifted_columns(diff_snapshots(repo.load_snapshot(baseline.id, include_virtual=False), new), new)
    ruled = ruled_columns(session, latest.id, repo.load_snapshot(latest.id))
    reviews = valid_reviews(session, latest.schema_id, new)
    classified = {
        (table_key(r.schema_name, r.table_name), r.column_name): r.pii_type
        for r in PiiRepository(session).list_for_version(latest.id)
    }
    gate.drifted_columns = len(drift)
    for key, (change, what) in sorted(drift.items()):
        if key in ruled or reviews.get(key) == "reject":
            gate.resolved_columns += 1
            continue
        reason = _reason(what, reviews.get(key), classified.get(key), latest.version_number)
        gate.blockers.append(GateBlocker(key[0], key[1], change, reason))  # type: ignore[arg-type]
    gate.open = not gate.blockers
    return gate


def gate_for_version(session: Session, schema_version_id: uuid.UUID) -> DriftGate | None:
    """The gate for a schema version by id; None when the version does not exist."""
    version = SchemaRepository(session).get_version(schema_version_id)
    return evaluate_gate(session, version) if version is not None else None
