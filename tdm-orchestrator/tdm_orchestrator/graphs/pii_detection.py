"""PII detection subgraph (the `pii_classification` step): load_schema_metadata →
detect_pii_regex → detect_pii_llm → validate_pii → store_pii_metadata.

Nodes are thin: they call the PII engine (`tdm_agents.pii_detection`) and the metadata store.
Sampled values never leave `detect_pii_regex`: what passes between nodes (in `pii_run`, a JSON
working record) is findings, each column's evidence and, for the LLM, value *shapes* — so every
checkpoint is value-free. The source URL is looked up by connection id whenever a node needs it.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from typing import Any

from langgraph.runtime import Runtime

from tdm_agents.pii_detection.classify import LLM_SKIP_CONFIDENCE
from tdm_agents.pii_detection.detectors import profile_columns
from tdm_agents.pii_detection.evidence_codec import (
    column_basis,
    column_key,
    evidence_from_json,
    evidence_json,
    merge_basis,
    stored_row,
)
from tdm_agents.pii_detection.llm_classifier import (
    ColumnDescriptor,
    LlmCallBudget,
    LlmClassifier,
    build_llm_from_settings,
)
from tdm_agents.pii_detection.merger import merge_column
from tdm_agents.pii_detection.models import PiiFinding
from tdm_agents.pii_detection.names import name_evidence
from tdm_agents.pii_detection.reviews import PiiReview, apply_reviews
from tdm_agents.pii_detection.sampler import SourceUnavailable, sample_snapshot
from tdm_agents.settings import get_settings as llm_settings
from tdm_cache.llm_cache import RedisLlmCache
from tdm_metadata_store.repositories.connections import ConnectionRepository
from tdm_metadata_store.repositories.pii import PiiFinding as StoredFinding
from tdm_metadata_store.repositories.pii import PiiRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository
from tdm_metadata_store.snapshot import table_key
from tdm_orchestrator.context import JobContext
from tdm_orchestrator.errors import PermanentJobError
from tdm_orchestrator.graphs.linear import Subgraph, build_linear_graph
from tdm_orchestrator.graphs.node_support import load_snapshot
from tdm_orchestrator.services import Services
from tdm_orchestrator.state import PiiDetectionReads, PiiDetectionWrites, StepState
from tdm_orchestrator.step_inputs import PiiInput, step_input

STEP = "pii_classification"
LLM_EXTRA = "llm"  # Services.extras key of an injected chat model (tests, embedding programs)


# --- nodes ------------------------------------------------------------------------------------


def _run(state: StepState) -> dict[str, Any]:
    return dict(state.get("pii_run") or {})


def load_schema_metadata(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Check the schema version and its source connection exist; remember ids and the options."""
    options = step_input(state, PiiInput)
    version_id = state.get("schema_version_id") or options.schema_version_id
    if not version_id:
        raise PermanentJobError("PII classification needs a schema_version_id.")
    with runtime.context.services.unit_of_work() as session:
        schemas = SchemaRepository(session)
        version = schemas.get_version(uuid.UUID(str(version_id)))
        if version is None:
            raise PermanentJobError("The schema version to classify does not exist (any more).")
        schema = schemas.get_schema(version.schema_id)
        connection_id = schema.source_connection_id if schema else None
        if connection_id is None or ConnectionRepository(session).get(connection_id) is None:
            raise PermanentJobError(
                "The schema's source connection was deleted; register the source "
                "again and run schema discovery before classifying."
            )
        tables, columns = version.table_count, version.column_count
    runtime.context.hooks.log(
        f"Classifying {columns} columns in {tables} tables of schema version {version.version_number}",
        stage="load_schema_metadata",
    )
    run = {
        "schema_id": str(version.schema_id),
        "connection_id": str(connection_id),
        "use_llm": options.use_llm,
        "sample_size": options.sample_size_per_column,
    }
    return {"schema_version_id": str(version_id), "pii_run": run, "current_node": "load_schema_metadata"}


def detect_pii_regex(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Sample the source and apply the name and value techniques; values stay in this node."""
    services, hooks, run = runtime.context.services, runtime.context.hooks, _run(state)
    snapshot = load_snapshot(services, state["schema_version_id"])
    url = services.connection_url(run["connection_id"])
    try:
        samples = sample_snapshot(url, snapshot, run["sample_size"], hooks)
    except SourceUnavailable as exc:
        raise PermanentJobError(
            f"PII classification could not read the source: {exc}. The source may "
            "have moved or gone since discovery; check the connection."
        ) from exc
    profiles = profile_columns(samples)
    names = [name_evidence(s.table, s.column) for s in samples]
    findings, basis = [], []
    for sample, name, profile in zip(samples, names, profiles, strict=True):
        finding = merge_column(sample, name, profile)
        if finding is not None:
            findings.append(finding.model_dump(mode="json"))
        if run["use_llm"] and (finding is None or finding.confidence < LLM_SKIP_CONFIDENCE):
            basis.append(column_basis(sample, name, profile))
    hooks.progress(STEP, len(samples), len(samples), "name and value rules applied")
    hooks.log(
        f"Name and value rules flagged {len(findings)} of {len(samples)} sampled columns",
        stage="detect_pii_regex",
    )
    run.update(findings=findings, llm_basis=basis, columns_sampled=len(samples))
    return {"pii_run": run, "current_node": "detect_pii_regex"}


def _chat_model(services: Services):
    return services.extras.get(LLM_EXTRA) or build_llm_from_settings()


def detect_pii_llm(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Ask the LLM about the columns the rules are unsure of, table by table, within the budget."""
    services, hooks, run = runtime.context.services, runtime.context.hooks, _run(state)
    llm = _chat_model(services) if run["use_llm"] else None
    if llm is None:
        reason = "no LLM configured" if run["use_llm"] else "use_llm is false"
        hooks.log(f"LLM classification skipped: {reason}", stage="detect_pii_llm")
        run.update(llm_evidence=[], llm_status=f"skipped: {reason}")
        return {"pii_run": run, "current_node": "detect_pii_llm"}
    settings = llm_settings()
    classifier = LlmClassifier(
        llm,
        LlmCallBudget(settings.llm_max_calls_per_job),
        RedisLlmCache(services.redis),
        settings.llm_max_retries,
    )
    by_table: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for basis in run.get("llm_basis") or []:
        by_table[(basis["schema_name"], basis["table"])].append(basis)
    answers = []
    for done, members in enumerate(by_table.values(), start=1):
        hooks.check_cancelled()
        descriptors = [
            ColumnDescriptor(
                b["table"], b["column"], b["data_type"], tuple(b["shapes"]), tuple(b["siblings"])
            )
            for b in members
        ]
        evidence = classifier.classify_table(descriptors)
        answers += [
            {
                "schema_name": b["schema_name"],
                "table": b["table"],
                "column": b["column"],
                "evidence": evidence_json(evidence[b["column"]]),
            }
            for b in members
            if b["column"] in evidence
        ]
        hooks.progress(f"{STEP}:llm", done, len(by_table), f"{len(members)} columns described")
    status = classifier.status
    if status == "not run":  # every column was answered from the cache, or none needed asking
        status = "ok (from cache)" if answers else "ok (nothing to ask)"
    hooks.log(
        f"LLM classification {status}: {len(answers)} answers, {classifier.budget.used} requests used",
        stage="detect_pii_llm",
    )
    run.update(llm_evidence=answers, llm_status=status)
    return {"pii_run": run, "current_node": "detect_pii_llm"}


def _stored_reviews(services: Services, schema_id: str) -> list[PiiReview]:
    with services.unit_of_work() as session:
        rows = PiiRepository(session).reviews_for_schema(uuid.UUID(schema_id))
        return [
            PiiReview(
                schema_name=r.schema_name,
                table=r.table_name,
                column=r.column_name,
                data_type=r.data_type or "",
                action=r.decision,
                pii_type=r.pii_type,  # type: ignore[arg-type]
                reviewer=r.reviewer,
                note=r.note,
            )
            for r in rows
        ]


def validate_pii(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Merge the LLM's answers into the findings, then lay people's still-valid reviews over them."""
    services, hooks, run = runtime.context.services, runtime.context.hooks, _run(state)
    detected = {column_key(f): PiiFinding.model_validate(f) for f in run.get("findings") or []}
    llm = {column_key(a): evidence_from_json(a["evidence"]) for a in run.get("llm_evidence") or []}
    for basis in run.get("llm_basis") or []:
        if column_key(basis) in llm:
            merged = merge_basis(basis, llm[column_key(basis)])
            detected.pop(column_key(basis), None)
            if merged is not None:
                detected[column_key(basis)] = merged
    snapshot = load_snapshot(services, state["schema_version_id"])
    outcome = apply_reviews(list(detected.values()), _stored_reviews(services, run["schema_id"]), snapshot)
    if outcome.applied or outcome.dropped:
        hooks.log(
            f"Reviews: {len(outcome.applied)} applied, {len(outcome.dropped)} no longer apply "
            "(column gone or its type changed)",
            stage="validate_pii",
        )
    rows = [stored_row(f, detected.get(f.key)) for f in outcome.findings]
    rows.sort(key=lambda r: (r["schema_name"], r["table_name"], r["column_name"]))
    run.update(final=rows, reviews_applied=len(outcome.applied), reviews_dropped=len(outcome.dropped))
    return {"pii_run": run, "current_node": "validate_pii"}


def store_pii_metadata(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Replace the version's classification (a retry replaces it again) and summarize it."""
    run = _run(state)
    rows = run.get("final") or []
    with runtime.context.services.unit_of_work() as session:
        PiiRepository(session).replace_for_version(
            uuid.UUID(state["schema_version_id"]), [StoredFinding(**r) for r in rows]
        )
    counts = Counter(r["pii_type"] for r in rows)
    summary = {
        "schema_version_id": state["schema_version_id"],
        "columns_sampled": run.get("columns_sampled", 0),
        "columns_flagged": len(rows),
        "by_type": dict(sorted(counts.items())),
        "llm": run.get("llm_status"),
        "reviews_applied": run.get("reviews_applied", 0),
        "reviews_dropped": run.get("reviews_dropped", 0),
    }
    pii_map = [
        {
            "table": table_key(r["schema_name"], r["table_name"]),
            "column": r["column_name"],
            "pii_type": r["pii_type"],
            "confidence": r["confidence"],
            "technique": r["technique"],
        }
        for r in rows
    ]
    by_type = ", ".join(f"{t} {n}" for t, n in summary["by_type"].items()) or "none"
    runtime.context.hooks.log(
        f"Stored PII map: {len(rows)} columns flagged ({by_type})", stage="store_pii_metadata"
    )
    # The findings now live in the metadata store; keep only the compact map in the state.
    return {
        "pii_map": pii_map,
        "pii_run": {},
        "step_results": {STEP: summary},
        "current_node": "store_pii_metadata",
    }


NODES = (load_schema_metadata, detect_pii_regex, detect_pii_llm, validate_pii, store_pii_metadata)


def build_pii_detection_graph() -> Subgraph:
    """The compiled subgraph (the supergraph adds it as the `pii_classification` step)."""
    return build_linear_graph(NODES, reads=PiiDetectionReads, writes=PiiDetectionWrites)
