"""The PII engine's entry points: classify sampled columns, or sample a source and classify it.

`classify_columns` is pure (samples in, findings out) apart from the optional LLM; the graph
node, the API and the benchmark all call it. `classify_snapshot` adds bounded sampling of a live
source described by a schema snapshot.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from tdm_agents.common.progress import JobHooks, NullHooks
from tdm_agents.pii_detection.detectors import profile_columns
from tdm_agents.pii_detection.llm_classifier import (
    SKIPPED_NO_LLM,
    ColumnDescriptor,
    LlmCallBudget,
    LlmClassifier,
    ResultCache,
)
from tdm_agents.pii_detection.merger import merge_column
from tdm_agents.pii_detection.models import ColumnSample, Evidence, PiiFinding
from tdm_agents.pii_detection.names import name_evidence
from tdm_agents.pii_detection.sampler import sample_snapshot
from tdm_agents.pii_detection.shapes import column_shapes
from tdm_agents.settings import get_settings
from tdm_metadata_store.snapshot import SchemaSnapshot

STAGE = "pii_classification"
# Columns the deterministic path is this sure about are not sent to the LLM (saves budget).
LLM_SKIP_CONFIDENCE = 0.9


def classify_columns(
    columns: Sequence[ColumnSample],
    *,
    use_llm: bool = False,
    llm=None,
    hooks: JobHooks | None = None,
    budget: LlmCallBudget | None = None,
    cache: ResultCache | None = None,
) -> list[PiiFinding]:
    """Classify sampled columns; one finding per column that holds PII, in input order.

    With `use_llm`, columns the deterministic path is not sure about are described to `llm` (a
    LangChain chat model; None means none configured, and the step is skipped and logged) by
    name, type and value shapes, one request per table, within `budget` requests.
    """
    hooks = hooks or NullHooks()
    profiles = profile_columns(columns)
    names = [name_evidence(c.table, c.column) for c in columns]
    findings = [merge_column(c, n, p) for c, n, p in zip(columns, names, profiles, strict=True)]
    hooks.progress(STAGE, len(columns), len(columns), "deterministic rules applied")
    if use_llm:
        llm_evidence = _llm_evidence(columns, findings, llm, hooks, budget, cache)
        findings = [
            merge_column(c, n, p, llm_evidence[i]) if i in llm_evidence else findings[i]
            for i, (c, n, p) in enumerate(zip(columns, names, profiles, strict=True))
        ]
    return [finding for finding in findings if finding is not None]


def _llm_evidence(
    columns: Sequence[ColumnSample],
    findings: list[PiiFinding | None],
    llm,
    hooks: JobHooks,
    budget: LlmCallBudget | None,
    cache: ResultCache | None,
) -> dict[int, Evidence]:
    settings = get_settings()
    classifier = LlmClassifier(
        llm, budget or LlmCallBudget(settings.llm_max_calls_per_job), cache, settings.llm_max_retries
    )
    if llm is None:
        hooks.log(f"LLM classification {SKIPPED_NO_LLM}", stage=STAGE)
        return {}
    by_table: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, column in enumerate(columns):
        finding = findings[i]
        if finding is None or finding.confidence < LLM_SKIP_CONFIDENCE:
            by_table[(column.schema_name, column.table)].append(i)
    evidence: dict[int, Evidence] = {}
    for done, members in enumerate(by_table.values(), start=1):
        hooks.check_cancelled()
        answers = classifier.classify_table([describe(columns[i]) for i in members])
        evidence.update({i: answers[columns[i].column] for i in members if columns[i].column in answers})
        hooks.progress(f"{STAGE}:llm", done, len(by_table), f"{len(members)} columns described")
    hooks.log(f"LLM classification {classifier.status}; {classifier.budget.used} requests used", stage=STAGE)
    return evidence


def describe(column: ColumnSample) -> ColumnDescriptor:
    """What the LLM may see of a column: names, type, siblings and value shapes."""
    return ColumnDescriptor(
        table=column.table,
        column=column.column,
        data_type=column.data_type,
        shapes=tuple(column_shapes(column.values)),
        sibling_columns=tuple(name for name in column.table_columns if name != column.column),
    )


def classify_snapshot(
    url: str,
    snapshot: SchemaSnapshot,
    sample_size_per_column: int = 100,
    use_llm: bool = False,
    llm=None,
    hooks: JobHooks | None = None,
    budget: LlmCallBudget | None = None,
    cache: ResultCache | None = None,
) -> list[PiiFinding]:
    """Sample every table of the snapshot from the source at `url` and classify its columns.

    Raises `SourceUnavailable` (without the URL or any value in its message) when the source
    cannot be reached or a table has gone.
    """
    hooks = hooks or NullHooks()
    samples = sample_snapshot(url, snapshot, sample_size_per_column, hooks)
    return classify_columns(samples, use_llm=use_llm, llm=llm, hooks=hooks, budget=budget, cache=cache)


__all__ = ["classify_columns", "classify_snapshot", "describe"]
