"""Masking subgraph node after `store_masked_dataset`: the masked dataset's privacy score.

Coverage shares (masked / reviewed / unknown columns, from the coverage check) and k-anonymity
over the quasi-identifiers of the output, kept in the job result (`step_results.masking.privacy_score`)
and in the dataset version's metadata (`privacy_score`), where the portal's dataset page reads it.
Names and counts only, never a value.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

import pyarrow as pa
from langgraph.runtime import Runtime

from tdm_agents.masking.privacy_score import MaskPrivacyScore, masked_privacy_score
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_orchestrator.context import JobContext
from tdm_orchestrator.graphs.node_support import step_summary
from tdm_orchestrator.state import StepState

STEP = "masking"  # the masking subgraph's step name
METADATA_KEY = "privacy_score"


def _known_types(coverage: dict[str, Any] | None) -> dict[tuple[str, str], str]:
    columns = (coverage or {}).get("columns") or []
    return {(c["table"], c["column"]): c["pii_type"] for c in columns if c.get("pii_type")}


def _describe(score: MaskPrivacyScore) -> str:
    parts = []
    if score.masked_share is not None:
        parts.append(
            f"{score.masked_share:.0%} of {score.columns} columns masked, {score.reviewed_share:.0%} reviewed, "
            f"{score.unknown_share:.0%} unknown"
        )
    if score.k_min is not None:
        parts.append(
            f"k-anonymity k={score.k_min} over the quasi-identifiers of {len(score.k_anonymity)} table(s)"
        )
    return "; ".join(parts) or "no column states and no quasi-identifiers"


def score_masked_privacy(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Compute the score on the stored output, record it, and add it to the step's summary."""
    services, run = runtime.context.services, state["mask_run"]
    output_id = state["masked_dataset_version_id"]
    store = services.dataset_store

    def read(table: str, columns: list[str] | None = None) -> Iterable[pa.RecordBatch]:
        return store.read_table(output_id, table, columns=columns)

    tables = {table: list(store.table_schema(output_id, table).names) for table in run["files"]}
    coverage = run.get("coverage")
    score = masked_privacy_score(read, tables, (coverage or {}).get("counts"), _known_types(coverage))
    record = score.model_dump(mode="json")
    with services.unit_of_work() as session:
        DatasetRepository(session).set_metadata(uuid.UUID(output_id), METADATA_KEY, record)
    runtime.context.hooks.log(f"Privacy score: {_describe(score)}", stage="score_masked_privacy")
    return {
        "step_results": step_summary(state, STEP, privacy_score=record),
        "current_node": "score_masked_privacy",
    }
