"""Privacy by default: every column of a dataset being masked is masked, reviewed, or unknown.

A column is `masked` when a rule (own or inherited through a foreign key) covers it, `reviewed`
when a person decided it is not personal (a PII review with decision `reject`, still valid for the
column's type), and `unknown` otherwise. Unknown columns are judged at mask time: the
deterministic PII detectors run on a sample of the dataset's own values and on the column names,
and the schema version's stored classification and people's "personal" decisions count too. A
mask job with unknown columns that look personal either fails or masks them with the suggested
rule, as the rule set says (`unknown_columns`). Reports hold names and reasons, never values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import pyarrow as pa

from tdm_agents.masking.rules import ResolvedRule
from tdm_agents.pii_detection.classify import classify_columns
from tdm_agents.pii_detection.fitted_rules import suggest_rules
from tdm_agents.pii_detection.models import ColumnSample, PiiFinding
from tdm_metadata_store.snapshot import SchemaSnapshot, TableInfo

UnknownColumns = Literal["fail", "mask_default"]
UNKNOWN_COLUMN_MODES: tuple[str, ...] = ("fail", "mask_default")
TableReader = Callable[..., Iterable[pa.RecordBatch]]
ColumnKey = tuple[str, str]  # (dataset table key, column)


@dataclass
class ColumnState:
    """One column's privacy state; `reasons` say why an unknown column looks personal."""

    table: str
    column: str
    state: Literal["masked", "reviewed", "unknown"]
    looks_personal: bool = False
    pii_type: str | None = None
    reasons: list[str] = field(default_factory=list)


@dataclass
class CoverageReport:
    """Every column of the dataset with its state."""

    columns: list[ColumnState] = field(default_factory=list)
    findings: list[PiiFinding] = field(default_factory=list)

    @property
    def personal_unknown(self) -> list[ColumnState]:
        """Unknown columns that look personal: what fails the job or gets a default rule."""
        return [c for c in self.columns if c.state == "unknown" and c.looks_personal]

    def counts(self) -> dict[str, int]:
        """Columns per state, and how many unknown ones look personal."""
        out = {
            state: sum(1 for c in self.columns if c.state == state)
            for state in ("masked", "reviewed", "unknown")
        }
        return {**out, "unknown_personal": len(self.personal_unknown)}

    def summary(self) -> str:
        """Which unknown columns look personal and why (names and detector reasons, no values)."""
        return "; ".join(f"{c.table}.{c.column}: {', '.join(c.reasons)}" for c in self.personal_unknown)


@dataclass(frozen=True)
class PrivacyDecisions:
    """What people and the stored classification said about the schema's columns."""

    not_personal: frozenset[ColumnKey] = frozenset()
    personal: dict[ColumnKey, str] = field(default_factory=dict)  # reviewed or classified -> pii type


def _sample(read_table: TableReader, table: str, columns: list[str], size: int) -> dict[str, pa.Array]:
    """Up to `size` non-null values per column, from the first batches (a bounded read)."""
    chunks: dict[str, list[pa.Array]] = {c: [] for c in columns}
    seen = dict.fromkeys(columns, 0)
    for batch in read_table(table, columns=columns):
        for name in columns:
            if seen[name] < size:
                values = batch.column(name).drop_null()
                chunks[name].append(values.slice(0, size - seen[name]))
                seen[name] += min(len(values), size - seen[name])
        if all(n >= size for n in seen.values()):
            break
    return {
        name: pa.chunked_array(parts).combine_chunks() if parts else pa.array([], pa.string())
        for name, parts in chunks.items()
    }


def _samples(info: TableInfo, values: dict[str, pa.Array]) -> list[ColumnSample]:
    siblings = tuple(c.name for c in info.columns)
    out = []
    for name, array in values.items():
        column = info.column(name)
        kind = column.data_type if column else str(array.type)
        category = column.type_category if column else "other"
        out.append(ColumnSample(info.schema_name, info.name, name, kind, array, category, siblings))
    return out


def _unknown_state(key: ColumnKey, finding: PiiFinding | None, decisions: PrivacyDecisions) -> ColumnState:
    state = ColumnState(key[0], key[1], "unknown")
    if finding is not None:
        state.pii_type = finding.pii_type
        state.reasons.append(f"detected as {finding.pii_type} by {finding.technique} at mask time")
    if key in decisions.personal:
        state.pii_type = state.pii_type or decisions.personal[key]
        state.reasons.append(f"classified or reviewed as {decisions.personal[key]}")
    state.looks_personal = bool(state.reasons)
    return state


def column_coverage(
    read_table: TableReader,
    table_columns: dict[str, list[str]],
    snapshot: SchemaSnapshot,
    rules: Sequence[ResolvedRule],
    decisions: PrivacyDecisions,
    sample_size: int = 1000,
) -> CoverageReport:
    """The state of every column of the dataset (`table_columns`: table key -> its columns)."""
    ruled = {(r.table, r.column) for r in rules}
    report = CoverageReport()
    for table, columns in sorted(table_columns.items()):
        open_columns = [
            c for c in columns if (table, c) not in ruled and (table, c) not in decisions.not_personal
        ]
        info = snapshot.table(table)
        findings: dict[str, PiiFinding] = {}
        if open_columns and info is not None:
            samples = _samples(info, _sample(read_table, table, open_columns, sample_size))
            found = classify_columns(samples)
            report.findings.extend(found)
            findings = {f.column: f for f in found}
        for column in columns:
            key = (table, column)
            if key in ruled:
                report.columns.append(ColumnState(table, column, "masked"))
            elif key in decisions.not_personal:
                report.columns.append(ColumnState(table, column, "reviewed"))
            else:
                report.columns.append(_unknown_state(key, findings.get(column), decisions))
    return report


def _finding_for(report: CoverageReport, state: ColumnState, snapshot: SchemaSnapshot) -> PiiFinding | None:
    """The mask-time finding for an unknown personal column, else one made from the earlier decision."""
    info = snapshot.table(state.table)
    if info is None:
        return None
    for finding in report.findings:
        if (finding.schema_name, finding.table, finding.column) == (
            info.schema_name,
            info.name,
            state.column,
        ):
            return finding
    return PiiFinding.model_validate({
        "schema_name": info.schema_name, "table": info.name, "column": state.column, "pii_type": state.pii_type,
        "confidence": 1.0, "technique": "review", "explanation": "classified or reviewed earlier",
    })  # fmt: skip


def default_rules(report: CoverageReport, snapshot: SchemaSnapshot) -> dict[str, dict[str, Any]]:
    """The suggested rule for every unknown column that looks personal (what `mask_default` adds)."""
    findings = [_finding_for(report, state, snapshot) for state in report.personal_unknown]
    return suggest_rules([f for f in findings if f is not None], snapshot).rules
