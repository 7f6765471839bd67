"""Privacy of synthetic tables against their training data: how close, how often copied, how guessable.

The figures follow SDMetrics and mostlyai-qa:
- distance to closest record (DCR): for every synthetic row, the smallest Gower distance to a training
  row (numbers and dates scaled by the training range, other values equal or not, a NULL against a
  value counts as different); 0 is an exact copy of the compared columns;
- exact-copy rate: share of synthetic rows whose compared columns equal a training row's;
- with a holdout (training rows the engine never saw): the share of synthetic rows closer to the
  training rows than to the holdout (about 0.5 when nothing was memorised), and a membership-inference
  AUC: an attacker who calls a real row a member when synthetic rows lie close to it tells members
  from holdout rows with this AUC (0.5 = no better than a coin).
Samples are bounded, so the cost does not grow with the dataset; keys are left out (they are generated).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel, Field

from tdm_agents.synthetic.engines.base import ReadTable
from tdm_agents.synthetic.schema_model import NormalizedSchema

HOLDOUT_EVERY = 5  # every fifth training row of a table without relationships is held out of the fit
PRIVACY_SAMPLE_ROWS = 2_000
_CHUNK = 256


class TablePrivacy(BaseModel):
    """Privacy figures of one synthetic table."""

    rows_compared: int
    columns_compared: int
    exact_copy_rate: float
    dcr_median: float
    dcr_p05: float = Field(description="5th percentile of the distance to the closest training row")
    closer_to_training_share: float | None = Field(
        default=None,
        description="Share of synthetic rows closer to training than to holdout rows (ideal 0.5)",
    )
    membership_auc: float | None = Field(
        default=None, description="Membership-inference AUC over training vs holdout rows (0.5 = no leak)"
    )
    holdout_rows: int = 0


class PrivacyReport(BaseModel):
    """Per-table figures and the worst of each across tables."""

    per_table: dict[str, TablePrivacy] = Field(default_factory=dict)
    exact_copy_rate: float | None = None
    dcr_p05: float | None = None
    closer_to_training_share: float | None = None
    membership_auc: float | None = None
    note: str | None = None


@dataclass(frozen=True)
class HoldoutSplit:
    """The training rows an engine may fit on, and the rows held out of the fit, per table."""

    train: ReadTable
    holdout: ReadTable
    tables: frozenset[str]  # tables that have a holdout


def holdout_split(schema: NormalizedSchema, read_table: ReadTable) -> HoldoutSplit:
    """Hold every fifth row out of tables in no relationship (others keep whole parent-child sets)."""
    related = {r.child_entity for r in schema.relationships} | {r.parent_entity for r in schema.relationships}
    tables = frozenset(e.name for e in schema.entities if e.name not in related)

    def part(keep_holdout: bool) -> ReadTable:
        def read(table: str) -> Iterator[pa.RecordBatch]:
            if table not in tables:
                if not keep_holdout:
                    yield from read_table(table)
                return
            offset = 0
            for batch in read_table(table):
                index = np.arange(offset, offset + batch.num_rows)
                offset += batch.num_rows
                held = index % HOLDOUT_EVERY == HOLDOUT_EVERY - 1
                yield batch.filter(pa.array(held if keep_holdout else ~held))

        return read

    return HoldoutSplit(part(False), part(True), tables)


def _comparable(table: pa.Table, keys: set[str], other: pa.Table) -> list[str]:
    return [n for n in table.column_names if n not in keys and n in other.column_names]


def encode(columns: list[str], tables: list[pa.Table]) -> tuple[list[np.ndarray], np.ndarray]:
    """One float matrix per table (numbers scaled to 0..1 by the first table's range, other values as
    codes of one shared dictionary, NaN for NULL), and which columns are such codes."""
    encoded: list[list[np.ndarray]] = [[] for _ in tables]
    categorical: list[bool] = []
    for name in columns:
        arrays = [t.column(name).combine_chunks() for t in tables]
        kind = arrays[0].type
        if pa.types.is_temporal(kind):
            arrays = [pc.cast(pc.cast(a, pa.timestamp("us")), pa.int64()) for a in arrays]
            kind = pa.int64()
        if pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_decimal(kind):
            values = [pc.cast(a, pa.float64()).to_numpy(zero_copy_only=False) for a in arrays]
            low, high = np.nanmin(values[0], initial=np.inf), np.nanmax(values[0], initial=-np.inf)
            span = high - low if np.isfinite(high - low) and high > low else 1.0
            scaled = [(v - low) / span for v in values]
            categorical.append(False)
        else:
            strings = [pc.cast(a, pa.string()) for a in arrays]
            codes = pc.dictionary_encode(pa.concat_arrays(strings)).indices.to_numpy(zero_copy_only=False)
            codes = codes.astype(float)
            bounds = np.cumsum([0] + [len(s) for s in strings])
            scaled = [codes[bounds[i] : bounds[i + 1]] for i in range(len(strings))]
            categorical.append(True)
        for i, column in enumerate(scaled):
            encoded[i].append(np.asarray(column, dtype=float))
    matrices = [
        np.column_stack(cols) if cols else np.zeros((t.num_rows, 0))
        for cols, t in zip(encoded, tables, strict=True)
    ]
    return matrices, np.array(categorical, dtype=bool)


def closest_distances(rows: np.ndarray, reference: np.ndarray, categorical: np.ndarray) -> np.ndarray:
    """For every row, the smallest Gower distance (0..1) to a reference row, both from `encode`."""
    return mutual_closest(rows, reference, categorical)[0]


def mutual_closest(
    rows: np.ndarray, reference: np.ndarray, categorical: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Closest Gower distances both ways from one pass over the distance matrix: (for every row, for
    every reference row). Computed in row chunks, float32, NULL handling only where NULLs occur."""
    if len(reference) == 0 or len(rows) == 0 or rows.shape[1] == 0:
        return np.ones(len(rows)), np.ones(len(reference))
    rows32, ref32 = rows.astype(np.float32), reference.astype(np.float32)
    has_null = np.asarray(np.isnan(rows32).any(axis=0) | np.isnan(ref32).any(axis=0), dtype=bool)
    to_ref, to_rows = np.empty(len(rows)), np.full(len(reference), np.inf)
    for start in range(0, len(rows), _CHUNK):
        chunk = rows32[start : start + _CHUNK]
        total = np.zeros((len(chunk), len(reference)), dtype=np.float32)
        for j in range(rows.shape[1]):
            total += _column_distance(chunk[:, j][:, None], ref32[:, j][None, :], categorical[j], has_null[j])
        total /= rows.shape[1]
        to_ref[start : start + len(chunk)] = total.min(axis=1)
        np.minimum(to_rows, total.min(axis=0), out=to_rows)
    return to_ref, to_rows


def _column_distance(a: np.ndarray, b: np.ndarray, categorical: bool, nulls: bool) -> np.ndarray:
    """One column's Gower term: 0/1 for codes, |a-b| capped at 1 for scaled numbers; NULL vs value is 1."""
    diff = (a != b).astype(np.float32) if categorical else np.minimum(np.abs(a - b), np.float32(1.0))
    if nulls:
        a_null, b_null = np.isnan(a), np.isnan(b)
        diff = np.where(a_null & b_null, np.float32(0.0), np.where(a_null | b_null, np.float32(1.0), diff))
    return diff


def membership_auc(members: np.ndarray, non_members: np.ndarray) -> float:
    """AUC of telling members from non-members by a score (higher = more likely a member); ties count half."""
    ranked = np.sort(non_members)
    below = np.searchsorted(ranked, members, side="left")
    equal = np.searchsorted(ranked, members, side="right") - below
    return float(np.mean(below + 0.5 * equal) / len(ranked))


def exact_copy_rate(synthetic: pa.Table, training: pa.Table, columns: list[str]) -> float:
    """Share of synthetic rows whose `columns` equal those of some training row (NULLs equal NULLs)."""
    if synthetic.num_rows == 0 or not columns:
        return 0.0
    keys = [_row_keys(t, columns) for t in (synthetic, training)]
    return float(pc.mean(pc.cast(pc.is_in(keys[0], value_set=keys[1]), pa.float64())).as_py() or 0.0)


def _row_keys(table: pa.Table, columns: list[str]) -> pa.Array:
    parts = [pc.fill_null(pc.cast(table.column(c), pa.string()), "\x00") for c in columns]
    return pc.binary_join_element_wise(*parts, "\x1f") if len(parts) > 1 else parts[0].combine_chunks()


def _sample(table: pa.Table, rows: int, seed: int) -> pa.Table:
    if table.num_rows <= rows:
        return table
    picks = np.sort(np.random.default_rng(seed).choice(table.num_rows, rows, replace=False))
    return table.take(pa.array(picks))


def table_privacy(
    synthetic: pa.Table, training: pa.Table, holdout: pa.Table | None, keys: set[str], seed: int = 0
) -> TablePrivacy | None:
    """The privacy figures of one table (None when no column can be compared)."""
    columns = _comparable(synthetic, keys, training)
    if not columns or synthetic.num_rows == 0 or training.num_rows == 0:
        return None
    copies = exact_copy_rate(synthetic, training, columns)
    n = PRIVACY_SAMPLE_ROWS
    has_holdout = holdout is not None and holdout.num_rows > 0
    if has_holdout:
        assert holdout is not None
        n = min(n, holdout.num_rows, training.num_rows)  # equal sizes keep the 0.5 baselines fair
    synth_s, train_s = _sample(synthetic, PRIVACY_SAMPLE_ROWS, seed), _sample(training, n, seed + 1)
    parts = [synth_s.select(columns), train_s.select(columns)]
    if has_holdout:
        assert holdout is not None
        parts.append(_sample(holdout, n, seed + 2).select(columns))
    matrices, categorical = encode(columns, [parts[1], *parts[:1], *parts[2:]])
    train_m, synth_m, hold_m = matrices[0], matrices[1], (matrices[2] if has_holdout else None)
    dcr, train_to_synth = mutual_closest(synth_m, train_m, categorical)
    result = TablePrivacy(
        rows_compared=len(synth_m), columns_compared=len(columns), exact_copy_rate=round(copies, 4),
        dcr_median=round(float(np.median(dcr)), 4), dcr_p05=round(float(np.quantile(dcr, 0.05)), 4),
    )  # fmt: skip
    if hold_m is not None:
        to_holdout, holdout_to_synth = mutual_closest(synth_m, hold_m, categorical)
        closer = np.mean(dcr < to_holdout) + 0.5 * np.mean(dcr == to_holdout)
        members, non_members = -train_to_synth, -holdout_to_synth
        result.closer_to_training_share = round(float(closer), 4)
        result.membership_auc = round(membership_auc(members, non_members), 4)
        result.holdout_rows = len(hold_m)
    return result


def summarize(per_table: dict[str, TablePrivacy], note: str | None = None) -> PrivacyReport:
    """The report with the worst figure of each kind across tables."""
    report = PrivacyReport(per_table=per_table, note=note)
    if not per_table:
        return report
    tables = list(per_table.values())
    report.exact_copy_rate = max(t.exact_copy_rate for t in tables)
    report.dcr_p05 = min(t.dcr_p05 for t in tables)
    shares = [t.closer_to_training_share for t in tables if t.closer_to_training_share is not None]
    aucs = [t.membership_auc for t in tables if t.membership_auc is not None]
    report.closer_to_training_share = max(shares) if shares else None
    report.membership_auc = max(aucs) if aucs else None
    return report
