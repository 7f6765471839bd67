"""How close synthetic tables are to training tables: chartable per-column comparisons, privacy
figures (distance to closest record, exact copies, membership inference against a holdout; see
`privacy`) and, when `sdmetrics` is installed, its quality report (column shapes, column pair trends).

Comparisons use a bounded sample of each side, so the cost does not grow with the dataset.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel, Field

from tdm_agents.synthetic.engines.base import ReadTable
from tdm_agents.synthetic.privacy import HoldoutSplit, PrivacyReport, TablePrivacy, summarize, table_privacy
from tdm_agents.synthetic.schema_model import NormalizedSchema

_BINS = 20
_TOP_CATEGORIES = 20


class ColumnComparison(BaseModel):
    """Real vs synthetic for one column: histogram bins or category frequencies (shares, 0..1)."""

    table: str
    column: str
    kind: str = Field(description="numeric or categorical")
    bins: list[float] | None = Field(default=None, description="Bin edges of a numeric histogram")
    labels: list[str] | None = Field(
        default=None, description="Categories, most frequent in the real data first"
    )
    real: list[float]
    synthetic: list[float]


class QualityReport(BaseModel):
    """Per-column comparisons, plus SDMetrics scores when available."""

    columns: list[ColumnComparison] = Field(default_factory=list)
    sdmetrics_available: bool = False
    overall_score: float | None = None
    column_shapes: float | None = None
    column_pair_trends: float | None = None
    per_table: dict[str, dict[str, float]] = Field(default_factory=dict)
    privacy: PrivacyReport | None = None


class SampleKeeper:
    """A batch observer that keeps the first `limit` rows of every table."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._batches: dict[str, list[pa.RecordBatch]] = defaultdict(list)
        self._rows: dict[str, int] = defaultdict(int)

    def observe(self, table: str, batch: pa.RecordBatch) -> None:
        """Keep rows of `batch` until the table's sample is full."""
        room = self.limit - self._rows[table]
        if room > 0:
            kept = batch.slice(0, room)
            self._batches[table].append(kept)
            self._rows[table] += kept.num_rows

    def tables(self) -> dict[str, pa.Table]:
        """The kept samples as Arrow tables."""
        return {name: pa.Table.from_batches(batches) for name, batches in self._batches.items() if batches}


def read_sample(read_table: ReadTable, table: str, limit: int) -> pa.Table | None:
    """The first `limit` rows of a training table (None when it has no rows)."""
    keeper = SampleKeeper(limit)
    for batch in read_table(table):
        keeper.observe(table, batch)
        if keeper._rows[table] >= limit:
            break
    return keeper.tables().get(table)


def compare_column(table: str, column: str, real: pa.Array, synthetic: pa.Array) -> ColumnComparison | None:
    """Histogram (numbers, dates) or category shares (text, booleans) of both sides."""
    real, synthetic = real.drop_null(), synthetic.drop_null()
    if len(real) == 0 or len(synthetic) == 0:
        return None
    if pa.types.is_temporal(real.type):
        real, synthetic = (pc.cast(pc.cast(a, pa.timestamp("us")), pa.int64()) for a in (real, synthetic))
    if pa.types.is_integer(real.type) or pa.types.is_floating(real.type) or pa.types.is_decimal(real.type):
        r = pc.cast(real, pa.float64()).to_numpy()
        s = pc.cast(pc.cast(synthetic, real.type), pa.float64()).to_numpy()
        edges = np.histogram_bin_edges(np.concatenate([r, s]), bins=_BINS)
        return ColumnComparison(
            table=table,
            column=column,
            kind="numeric",
            bins=edges.tolist(),
            real=_shares(np.histogram(r, edges)[0]),
            synthetic=_shares(np.histogram(s, edges)[0]),
        )
    real_counts = _frequencies(real)
    synthetic_counts = _frequencies(synthetic)
    labels = sorted(real_counts, key=lambda k: real_counts[k], reverse=True)[:_TOP_CATEGORIES]
    return ColumnComparison(
        table=table,
        column=column,
        kind="categorical",
        labels=labels,
        real=[real_counts[k] / len(real) for k in labels],
        synthetic=[synthetic_counts.get(k, 0) / len(synthetic) for k in labels],
    )


def _shares(counts: np.ndarray) -> list[float]:
    total = counts.sum()
    return (counts / total).tolist() if total else counts.astype(float).tolist()


def _frequencies(values: pa.Array) -> dict[str, int]:
    counted = pc.value_counts(pc.cast(values, pa.string()))
    return dict(zip(counted.field("values").to_pylist(), counted.field("counts").to_pylist(), strict=True))


def quality_report(
    schema: NormalizedSchema,
    read_table: ReadTable,
    synthetic: dict[str, pa.Table],
    sample_rows: int,
    holdout: HoldoutSplit | None = None,
    privacy_note: str | None = None,
) -> QualityReport:
    """Compare every generated table with its training table (the rows the engine fitted on when a
    holdout split is given; the held-out rows then feed the membership figures)."""
    report = QualityReport()
    real_tables: dict[str, pa.Table] = {}
    privacy: dict[str, TablePrivacy] = {}
    for entity in schema.entities:
        synth = synthetic.get(entity.name)
        train = holdout.train if holdout is not None else read_table
        real = read_sample(train, entity.name, sample_rows) if synth is not None else None
        if real is None or synth is None:
            continue
        real_tables[entity.name] = real
        keys = set(entity.primary_key) | schema.fk_attributes(entity.name)
        held = (
            read_sample(holdout.holdout, entity.name, sample_rows)
            if holdout is not None and entity.name in holdout.tables
            else None
        )
        figures = table_privacy(synth, real, held, keys)
        if figures is not None:
            privacy[entity.name] = figures
        for attribute in entity.attributes:
            name = attribute.name
            if name in keys or name not in real.column_names or name not in synth.column_names:
                continue
            comparison = compare_column(
                entity.name, name, real.column(name).combine_chunks(), synth.column(name).combine_chunks()
            )
            if comparison is not None:
                report.columns.append(comparison)
    report.privacy = summarize(privacy, privacy_note)
    _add_sdmetrics(report, schema, real_tables, synthetic)
    return report


def quality_for_portal(quality: dict[str, Any], schema: NormalizedSchema) -> dict[str, Any]:
    """The quality report with `column_comparisons[] {table, column, labels, real, synthetic}` for charts."""
    report = QualityReport.model_validate(quality)
    comparisons = []
    for c in report.columns:
        entity = schema.entity(c.table)
        attribute = entity.attribute(c.column) if entity else None
        labels = (
            c.labels
            if c.labels is not None
            else _bin_labels(c.bins or [], attribute.type if attribute else "")
        )
        comparisons.append(
            {
                "table": c.table,
                "column": c.column,
                "kind": c.kind,
                "labels": labels,
                "real": c.real,
                "synthetic": c.synthetic,
            }
        )
    body = report.model_dump(mode="json", exclude={"columns"})
    return {**body, "column_comparisons": comparisons}


def _bin_labels(edges: list[float], kind: str) -> list[str]:
    """A label per histogram bin: its lower edge (a date for time columns, compared as microseconds)."""
    if kind in ("date", "datetime"):
        epoch = dt.datetime(1970, 1, 1)
        return [(epoch + dt.timedelta(microseconds=e)).date().isoformat() for e in edges[:-1]]
    return [f"{e:.4g}" for e in edges[:-1]]


def _add_sdmetrics(
    report: QualityReport, schema: NormalizedSchema, real: dict[str, pa.Table], synthetic: dict[str, pa.Table]
) -> None:
    try:
        from sdmetrics.reports import QualityReport as SdmetricsQuality
    except ImportError:
        return
    from tdm_agents.synthetic.engines.sdv_metadata import single_table_metadata, to_pandas

    report.sdmetrics_available = True
    shapes, trends = [], []
    for name, real_table in real.items():
        entity = schema.entity(name)
        if entity is None or name not in synthetic:
            continue
        quality = SdmetricsQuality()
        quality.generate(
            {name: to_pandas(real_table)},
            {name: to_pandas(synthetic[name].select(real_table.column_names))},
            {"tables": {name: single_table_metadata(entity, schema, real_table.column_names)}},
            verbose=False,
        )
        scores = _property_scores(quality)
        report.per_table[name] = {"score": float(quality.get_score()), **scores}
        shapes.append(scores.get("Column Shapes"))
        trends.append(scores.get("Column Pair Trends"))
    report.column_shapes = _mean(shapes)
    report.column_pair_trends = _mean(trends)
    report.overall_score = _mean([report.column_shapes, report.column_pair_trends])


def _property_scores(quality: Any) -> dict[str, float]:
    properties = quality.get_properties()
    return {
        str(row["Property"]): float(row["Score"])
        for _, row in properties.iterrows()
        if row["Score"] == row["Score"]
    }


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return float(np.mean(present)) if present else None
