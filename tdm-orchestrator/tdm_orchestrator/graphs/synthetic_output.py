"""The output half of the synthetic subgraph: reserve_synthetic_version → generate_multi_table_data →
validate_distribution → store_dataset.

The output version's id is derived from the job and fixed (with its row) before any file is
written, so a retried node overwrites its own output and never makes a second version. Rows go
from the engine straight into the dataset store; publication writes the manifest last, then the
catalog entry and the lineage to every input the earlier nodes collected.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

import pyarrow as pa
from langgraph.runtime import Runtime

from tdm_agents.synthetic import NormalizedSchema, generate_dataset
from tdm_agents.synthetic.quality import quality_for_portal
from tdm_agents.synthetic.validate import ValidationReport
from tdm_dataset_store import TableFileInfo
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_metadata_store.repositories.lineage import LineageRepository
from tdm_orchestrator.context import JobContext
from tdm_orchestrator.contract import Step
from tdm_orchestrator.errors import PermanentJobError
from tdm_orchestrator.graphs.node_support import reserve_output_version, step_summary
from tdm_orchestrator.services import Services
from tdm_orchestrator.state import StepState

STEP = str(Step.SYNTHETIC)


def reserve_synthetic_version(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Fix the output version's id and create its row (`writing`) before any file is written."""
    run = state["synthetic_run"]
    schema_version = (
        uuid.UUID(run["schema_version_id"]) if run["schema_version_id"] and run["db_only"] else None
    )
    version_id = reserve_output_version(
        runtime, STEP, source_type="synthetic", schema_version_id=schema_version, name=run["name"]
    )
    return {
        "synthetic_dataset_version_id": str(version_id),
        "current_node": "reserve_synthetic_version",
    }


class _StoreSink:
    """The engine's sink: each table streams into the output version; the file infos are kept."""

    def __init__(self, services: Services, version_id: str) -> None:
        self._store, self._version_id = services.dataset_store, version_id
        self.files: dict[str, TableFileInfo] = {}

    def write_table(self, table: str, batches: Iterable[pa.RecordBatch], schema: pa.Schema) -> TableFileInfo:
        """Write one table of the output version."""
        self.files[table] = self._store.write_table(self._version_id, table, batches, schema)
        return self.files[table]


def generate_multi_table_data(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Fit (when learning) and generate every table into the output version; constraints checked as rows pass."""
    run, services = state["synthetic_run"], runtime.context.services
    schema = NormalizedSchema.model_validate(state["merged_schema"])
    sink = _StoreSink(services, state["synthetic_dataset_version_id"])
    training = run["training_dataset_version_id"]
    store = services.dataset_store
    result = generate_dataset(
        schema, run["row_counts"], engine=run["engine"], seed=run["seed"], locale=run["locale"],
        scenario=run["scenario"], sink=sink, hooks=runtime.context.hooks,
        training_read_table=(lambda table: store.read_table(training, table)) if training else None,
    )  # fmt: skip
    runtime.context.hooks.log(
        f"Generated {result.total_rows} rows over {len(result.row_counts)} table(s) "
        f"in {sum(result.timings.values()):.1f} s",
        stage="generate_multi_table_data",
    )
    updated = {
        **run,
        "generation": result.model_dump(mode="json"),
        "files": {t: info.model_dump(mode="json") for t, info in sink.files.items()},
    }
    return {"synthetic_run": updated, "current_node": "generate_multi_table_data"}


def validate_distribution(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """0 FK violations and every declared constraint held; with training data, the chartable comparison."""
    run = state["synthetic_run"]
    validation = ValidationReport.model_validate(run["generation"]["validation"])
    if validation.violations:
        broken = "; ".join(
            f"{v.table}({', '.join(v.columns)}) {v.check}: {v.rows} row(s)" for v in validation.violations[:5]
        )
        raise PermanentJobError(
            f"The generated data broke {len(validation.violations)} constraint(s): {broken}."
        )
    quality = run["generation"].get("quality")
    report = (
        quality_for_portal(quality, NormalizedSchema.model_validate(state["merged_schema"]))
        if quality
        else None
    )
    score = report.get("overall_score") if report else None
    runtime.context.hooks.log(
        f"Validation: 0 FK violations over {validation.rows_checked} rows"
        + (f"; quality score {score:.2f}" if isinstance(score, float) else ""),
        stage="validate_distribution",
    )
    return {"synthetic_run": {**run, "quality_report": report}, "current_node": "validate_distribution"}


def store_dataset(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Manifest last, then status ready, metadata and lineage to every input."""
    run, services = state["synthetic_run"], runtime.context.services
    version_id = state["synthetic_dataset_version_id"]
    files = {t: TableFileInfo.model_validate(f) for t, f in run["files"].items()}
    generation = run["generation"]
    extra = {
        "source_type": "synthetic",
        "engine": generation["engine"],
        "seed": generation["seed"],
        "scenario": generation["scenario"],
        "job_id": runtime.context.job_id,
    }
    services.dataset_store.write_manifest(version_id, files, extra)
    _record_catalog(services, state, uuid.UUID(runtime.context.job_id), files)
    row_counts = {t: f.rows for t, f in files.items()}
    runtime.context.hooks.log(
        f"Synthetic dataset version {version_id} is ready: {len(files)} table(s), "
        f"{sum(row_counts.values())} rows",
        stage="store_dataset",
    )
    summary = step_summary(
        state,
        STEP,
        synthetic_dataset_version_id=version_id,
        engine=generation["engine"],
        seed=generation["seed"],
        scenario=generation["scenario"],
        row_counts=row_counts,
        total_rows=sum(row_counts.values()),
        foreign_key_violations=0,
        quality_score=(run.get("quality_report") or {}).get("overall_score"),
        privacy=_privacy_summary(run.get("quality_report")),
    )
    # The schema and reports live in the metadata store now; keep the checkpointed state small.
    return {
        "step_results": summary,
        "merged_schema": {},
        "synthetic_run": {},
        "current_node": "store_dataset",
    }


def _privacy_summary(quality: dict[str, Any] | None) -> dict[str, Any] | None:
    """The worst privacy figures across tables (per-table figures stay in the dataset's metadata)."""
    privacy = (quality or {}).get("privacy")
    if not privacy:
        return None
    return {key: value for key, value in privacy.items() if key != "per_table"}


def _metadata(state: StepState, files: dict[str, TableFileInfo]) -> dict[str, Any]:
    run, generation = state["synthetic_run"], state["synthetic_run"]["generation"]
    metadata = {
        "row_counts": {t: f.rows for t, f in files.items()},
        "engine": generation["engine"],
        "seed": generation["seed"],
        "scenario": generation["scenario"],
        "locale": run["locale"],
        "validation_report": generation["validation"],
        "timings": generation["timings"],
        # Provisioning creates the tables of a synthetic dataset from this key (see provisioning.dataset_schema).
        "normalized_schema": state["merged_schema"],
        "inputs": run["inputs"],
        "domain_pack": run["domain_pack"],
        "schema_version_id": run["schema_version_id"],
        "training_dataset_version_id": run["training_dataset_version_id"],
    }
    if run.get("training_mode"):
        metadata["learned_mode"] = run["training_mode"]
    if run.get("spec_sha256"):
        metadata["spec_sha256"] = run["spec_sha256"]
    if run.get("crawled_pages"):
        metadata["crawled_pages"] = run["crawled_pages"]
    if run.get("quality_report"):
        metadata["quality_report"] = run["quality_report"]
    return metadata


def _record_catalog(
    services: Services, state: StepState, job_id: uuid.UUID, files: dict[str, TableFileInfo]
) -> None:
    """Status ready, metadata and lineage in one transaction (a retry finds all or nothing)."""
    version_id = uuid.UUID(state["synthetic_dataset_version_id"])
    with services.unit_of_work() as session:
        repo = DatasetRepository(session)
        row = repo.get(version_id)
        if row is not None and row.status == "ready":
            return
        repo.set_status(
            version_id,
            "ready",
            row_count=sum(f.rows for f in files.values()),
            byte_size=sum(f.bytes for f in files.values()),
        )
        repo.set_many_metadata(version_id, _metadata(state, files))
        lineage = LineageRepository(session)
        for source in state["synthetic_run"]["inputs"]:
            lineage.add(
                source_type=source["source_type"],
                source_id=source["source_id"],
                target_type="dataset_version",
                target_id=version_id,
                operation="derived_from",
                job_id=job_id,
                details={"via": STEP, **source["details"]},
            )
