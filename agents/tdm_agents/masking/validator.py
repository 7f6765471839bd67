"""Checks on a masked dataset: referential integrity and leaks. Results carry counts, never values.

`check_integrity` proves joins survived masking (0 orphans per foreign key). `leak_check` counts
originals kept in every masked column as its rule type's policy defines a leak (`leak_rules`),
source entities kept in free text and JSON, and re-runs the PII value detectors on columns whose
rule removes the PII shape. A rule type without a policy fails the check.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from tdm_agents.masking.leak_rules import (
    MissingLeakPolicy,
    entity_survivors,
    poisson_allowance,
    policy_for,
    survivors,
)
from tdm_agents.masking.rules import ResolvedRule
from tdm_metadata_store.snapshot import RelationshipInfo, SchemaSnapshot

TableReader = Callable[..., Iterable[pa.RecordBatch]]
_KEY_SEPARATOR = "\x1f"
# Detector findings that mean real PII survived; digest and username shapes are what hashes
# and tokens look like by design.
_LEAKING_PII_TYPES = frozenset({
    "email", "phone", "credit_card", "iban", "national_id", "person_name", "street_address",
    "ip_address", "mac_address",
})  # fmt: skip


@dataclass
class OrphanCount:
    """Rows of a child table whose (non-NULL) foreign key finds no parent row."""

    relationship: str
    child: str
    parent: str
    orphans: int


@dataclass
class IntegrityReport:
    """Orphans per foreign key and rows per table."""

    orphans: list[OrphanCount] = field(default_factory=list)
    row_counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when no foreign key has orphans."""
        return all(o.orphans == 0 for o in self.orphans)


def _column(read_table: TableReader, table: str, columns: list[str]) -> pa.Table:
    batches = list(read_table(table, columns=columns))
    if not batches:
        return pa.table({c: pa.array([], pa.string()) for c in columns})
    return pa.Table.from_batches(batches).select(columns)


def _keys(data: pa.Table, columns: list[str]) -> tuple[pa.Array, pa.Array]:
    """One comparable key per row (composite keys joined as text) and whether all parts are set."""
    parts = [data.column(c).combine_chunks() for c in columns]
    complete = parts[0].is_valid()
    for part in parts[1:]:
        complete = pc.and_(complete, part.is_valid())
    if len(parts) == 1:
        return parts[0], complete
    texts = [pc.cast(p, pa.string()) for p in parts]
    return pc.binary_join_element_wise(*texts, _KEY_SEPARATOR), complete


def _orphans(read_table: TableReader, rel: RelationshipInfo) -> int:
    parent_keys, _ = _keys(_column(read_table, rel.parent_key, rel.parent_columns), rel.parent_columns)
    child_keys, complete = _keys(_column(read_table, rel.child_key, rel.child_columns), rel.child_columns)
    if child_keys.type != parent_keys.type:
        child_keys = child_keys.cast(parent_keys.type)
    found = pc.is_in(child_keys, value_set=parent_keys.unique())
    return int(pc.sum(pc.and_(complete, pc.invert(found))).as_py() or 0)


def check_integrity(
    read_table: TableReader, snapshot: SchemaSnapshot, tables: Sequence[str]
) -> IntegrityReport:
    """Orphans per foreign key between the given tables (0 expected) and row counts per table.

    `read_table(table, columns=[...])` yields record batches of the (masked) dataset.
    """
    present = set(tables)
    report = IntegrityReport()
    for table in tables:
        info = snapshot.table(table)
        first = [info.columns[0].name] if info is not None and info.columns else None
        report.row_counts[table] = sum(b.num_rows for b in read_table(table, columns=first))
    for rel in snapshot.relationships:
        if rel.child_key in present and rel.parent_key in present:
            name = rel.name or f"{rel.child_key}({','.join(rel.child_columns)})->{rel.parent_key}"
            report.orphans.append(OrphanCount(name, rel.child_key, rel.parent_key, _orphans(read_table, rel)))
    return report


@dataclass
class ColumnLeak:
    """Leak counts for one masked column (see `leak_rules` for what counts per rule type)."""

    table: str
    column: str
    rule: str
    check: str
    rows: int
    exact_matches: int = 0
    # Same-row matches a correct rule makes on this data by chance (shuffles, fakes, noise).
    allowed_by_chance: int = 0
    entity_survivors: int = 0
    detector_hits: dict[str, int] = field(default_factory=dict)

    @property
    def leaked(self) -> bool:
        """True when originals survived beyond chance, a source entity survived, or a PII shape did."""
        return (
            self.exact_matches > self.allowed_by_chance
            or self.entity_survivors > 0
            or any(self.detector_hits.values())
        )


@dataclass
class LeakReport:
    """Leak counts for every checked column, plus notes on checks that could not run."""

    columns: list[ColumnLeak] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing leaked and every masked column was checked."""
        return not self.unchecked and not any(c.leaked for c in self.columns)

    def summary(self) -> str:
        """A one-line, value-free description for job logs and error messages."""
        leaks = [c for c in self.columns if c.leaked]
        parts = [
            f"{c.table}.{c.column} ({c.rule}): {c.exact_matches} original(s) kept"
            + (f" (chance explains {c.allowed_by_chance})" if c.allowed_by_chance else "")
            + f", {c.entity_survivors} row(s) keeping a source entity,"
            f" {sum(c.detector_hits.values())} detected"
            for c in leaks
        ]
        parts += [f"{target}: no leak policy for its rule type" for target in self.unchecked]
        if not parts:
            return f"no leaks in {len(self.columns)} masked column(s)"
        return "leaks found: " + "; ".join(parts)


def _whole(read_table: TableReader, table: str, column: str) -> pa.Array:
    return _column(read_table, table, [column]).column(column).combine_chunks()


def check_column(
    rule: ResolvedRule, original: pa.Array, masked: pa.Array, sample: int = 1000
) -> ColumnLeak | None:
    """One masked column against its original under the rule type's leak policy; None without a policy."""
    try:
        policy = policy_for(rule)
    except MissingLeakPolicy:
        return None
    leak = ColumnLeak(rule.table, rule.column, rule.type, policy.kind, len(masked))
    leak.exact_matches = survivors(policy, original, masked, rule.options)
    if policy.chance is not None and leak.exact_matches:
        leak.allowed_by_chance = poisson_allowance(policy.chance(original, masked, rule.options))
    if policy.entities:
        leak.entity_survivors = entity_survivors(original, masked, sample)
    return leak


def leak_check(
    original_read: TableReader,
    masked_read: TableReader,
    rules: Sequence[ResolvedRule],
    detector_sample: int = 1000,
) -> LeakReport:
    """Per masked column: originals kept (as the rule type defines a leak), source entities kept in
    free text and JSON, and PII the detectors still find where the rule removes the PII shape."""
    report = LeakReport()
    profile = _pii_profiler(report)
    for rule in rules:
        original = _whole(original_read, rule.table, rule.column)
        masked = _whole(masked_read, rule.table, rule.column)
        leak = check_column(rule, original, masked, detector_sample)
        if leak is None:
            report.unchecked.append(rule.target)
            continue
        guarantees = rule.transformer().effective_guarantees(rule.parsed_options())
        if profile is not None and not guarantees.format_preserving:
            leak.detector_hits = profile(rule, masked.drop_null().slice(0, detector_sample))
        report.columns.append(leak)
    return report


def _pii_profiler(report: LeakReport) -> Callable[[ResolvedRule, pa.Array], dict[str, int]] | None:
    """The PII value detectors, when the PII package is installed; else a note says the half was skipped."""
    try:
        detectors = importlib.import_module("tdm_agents.pii_detection.detectors")
        models = importlib.import_module("tdm_agents.pii_detection.models")
    except ImportError:
        report.notes.append("PII detector re-run skipped: tdm_agents.pii_detection is not available")
        return None

    def profile(rule: ResolvedRule, values: pa.Array) -> dict[str, int]:
        schema_name, _, table = rule.table.rpartition(".")
        sample = models.ColumnSample(
            schema_name=schema_name or "public", table=table, column=rule.column, data_type="text",
            values=values, type_category=rule.category,
        )  # fmt: skip
        hits: dict[str, int] = {}
        for evidence in detectors.profile_columns([sample])[0].evidence:
            if evidence.pii_type in _LEAKING_PII_TYPES and evidence.match_fraction:
                hits[evidence.pii_type] = round(evidence.match_fraction * len(values))
        return hits

    return profile
