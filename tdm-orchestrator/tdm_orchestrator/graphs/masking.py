"""Masking subgraph: load_dataset → load_masking_rules → check_column_coverage →
create_masked_version → apply_mask_transformers → validate_integrity → store_masked_dataset.

Fail closed: `load_masking_rules` stops at a closed schema drift gate, and `check_column_coverage`
stops (or adds default rules) when a column without a rule looks personal; both before any write.

Nodes are thin: they call the masking agent and the stores. The input version is only ever read;
the output version's id is fixed (and its row created) in a node of its own before any file is
written, so a retried node overwrites its own partial output and never makes a second version.
The state carries ids, rule definitions and reports — never rows, never key material.
"""

from __future__ import annotations

import base64
import dataclasses
import uuid
from collections.abc import Callable, Iterable
from typing import Any

import pyarrow as pa
from langgraph.runtime import Runtime

from tdm_agents.masking import (
    MaskContext,
    ResolvedRule,
    check_integrity,
    leak_check,
    load_keyring,
    mask_dataset,
    validate_rules,
)
from tdm_agents.masking import get_settings as masking_settings
from tdm_agents.pii_detection.fitted_rules import suggest_rules
from tdm_agents.pii_detection.stored import stored_findings
from tdm_dataset_store import DatasetStore, TableFileInfo
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_metadata_store.repositories.lineage import ColumnLineageEntry, LineageRepository
from tdm_metadata_store.repositories.masking_rules import MaskingRuleRepository
from tdm_metadata_store.repositories.token_vault import TokenVaultRepository
from tdm_orchestrator.context import JobContext
from tdm_orchestrator.errors import PermanentJobError
from tdm_orchestrator.graphs.linear import Subgraph, build_linear_graph
from tdm_orchestrator.graphs.mask_privacy import score_masked_privacy
from tdm_orchestrator.graphs.node_support import load_snapshot, reserve_output_version
from tdm_orchestrator.graphs.privacy_checks import check_column_coverage, require_open_gate
from tdm_orchestrator.services import Services
from tdm_orchestrator.state import MaskingReads, MaskingWrites, StepState
from tdm_orchestrator.step_inputs import MaskInput, step_input

STEP = "masking"
# Tokens per vault query: bounds the IN list and the INSERT size for a whole tokenized column.
_VAULT_CHUNK = 5000

Reader = Callable[..., Iterable[pa.RecordBatch]]


class VaultTokenSink:
    """The tokenize rule's sink, backed by the metadata store's token vault.

    The agent hands over AES-GCM ciphertexts made with the masking key; the vault stores them
    encrypted again with the platform's SecretBox, so revealing a token needs both keys.
    """

    def __init__(self, services: Services) -> None:
        self._services = services
        self._box = services.require_secret_box()

    def store_tokens(self, key_id: str, tokens: pa.Array, ciphertexts: pa.Array) -> None:
        """Store the pairs not yet in the vault (one transaction per chunk; reruns skip known tokens)."""
        pairs = dict(zip(tokens.to_pylist(), ciphertexts.to_pylist(), strict=True))
        names = list(pairs)
        for start in range(0, len(names), _VAULT_CHUNK):
            chunk = names[start : start + _VAULT_CHUNK]
            with self._services.unit_of_work() as session:
                repo = TokenVaultRepository(session)
                new = set(chunk) - repo.known_tokens(key_id, chunk)
                encoded = {t: base64.b64encode(pairs[t]).decode("ascii") for t in sorted(new)}
                repo.store(key_id, encoded, self._box)


def _options(state: StepState) -> MaskInput:
    return step_input(state, MaskInput)


def _input_version_id(state: StepState) -> str:
    """Its own dataset_version_id, else the subset step's output, else the workflow's input."""
    source = (
        _options(state).dataset_version_id
        or state.get("subset_dataset_version_id")
        or state.get("dataset_version_id")
    )
    if not source:
        raise PermanentJobError("Masking needs an input: give dataset_version_id or run a subset step first.")
    return str(source)


def _reader(store: DatasetStore, version_id: str, allow_incomplete: bool = False) -> Reader:
    def read(table: str, columns: list[str] | None = None) -> Iterable[pa.RecordBatch]:
        return store.read_table(version_id, table, columns=columns, allow_incomplete=allow_incomplete)

    return read


def _rules(state: StepState) -> list[ResolvedRule]:
    return [ResolvedRule.model_validate(r) for r in state["masking_rules"]["rules"]]


def load_dataset(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """The input version must exist, be ready, have a schema version and a manifest."""
    services = runtime.context.services
    input_id = _input_version_id(state)
    with services.unit_of_work() as session:
        row = DatasetRepository(session).get(uuid.UUID(input_id))
        status, schema_version_id = (row.status, row.schema_version_id) if row else (None, None)
    if status is None:
        raise PermanentJobError(f"Dataset version {input_id} does not exist.")
    if status != "ready":
        raise PermanentJobError(f"Dataset version {input_id} is {status}, not ready; it cannot be masked.")
    if schema_version_id is None:
        raise PermanentJobError(f"Dataset version {input_id} has no schema version to check rules against.")
    manifest = services.dataset_store.read_manifest(input_id)
    if manifest is None:
        raise PermanentJobError(
            f"Dataset version {input_id} is incomplete (no manifest); it cannot be masked."
        )
    tables = {name: info.rows for name, info in manifest.tables.items()}
    runtime.context.hooks.log(
        f"Input dataset version {input_id}: {len(tables)} table(s), {sum(tables.values())} rows",
        stage="load_dataset",
    )
    run = {
        "input_dataset_version_id": input_id,
        "schema_version_id": str(schema_version_id),
        "tables": tables,
    }
    return {"mask_run": run, "current_node": "load_dataset"}


def _stored_rule_set(session: Any, options: MaskInput) -> tuple[dict[str, Any], str, int, Any] | None:
    """(rules, id, version, (schema version id, unknown_columns)) of the requested stored rule set, or None."""
    if options.rule_set_id is None:
        return None
    repo = MaskingRuleRepository(session)
    row = repo.get(options.rule_set_id)
    if row is not None and options.rule_set_version is not None:
        row = repo.get_version(row.name, options.rule_set_version)
    if row is None:
        raise PermanentJobError("The requested masking rule set (or version) does not exist.")
    return row.rules_json, str(row.id), row.version, (row.schema_version_id, row.unknown_columns)


def _suggested(session: Any, schema_version_id: str, snapshot: Any, runtime: Runtime[JobContext]) -> dict:
    """Rules suggested from the version's (reviewed) PII classification, fitted to column types."""
    findings = stored_findings(session, uuid.UUID(str(schema_version_id)))
    if not findings:
        raise PermanentJobError(
            "use_suggested_rules needs a PII classification of the schema version; "
            "run POST /pii/classify first."
        )
    suggested = suggest_rules(findings, snapshot)
    runtime.context.hooks.log(
        f"Using {len(suggested.rules)} suggested rule(s) from the PII classification "
        f"({len(suggested.adjusted)} fitted to their column's type)",
        stage="load_masking_rules",
    )
    return suggested.rules


def load_masking_rules(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """A stored rule set or inline rules, validated against the input's schema, FK rules added."""
    services, run, options = runtime.context.services, state["mask_run"], _options(state)
    snapshot = load_snapshot(services, run["schema_version_id"])
    with services.unit_of_work() as session:
        stored = _stored_rule_set(session, options)
        raw, rule_set_id, version, (written_for, stored_mode) = (
            stored if stored else (options.rules, None, None, (None, None))
        )
        if not raw and (options.use_suggested_rules or state.get("pii_map")):
            raw = _suggested(session, run["schema_version_id"], snapshot, runtime)
    if not raw:
        raise PermanentJobError(
            "The request names neither a masking rule set nor inline rules "
            "(nor use_suggested_rules with a PII classification)."
        )
    # The rules were written for their rule set's schema version (inline rules: the dataset's).
    gate = require_open_gate(
        services, str(written_for or run["schema_version_id"]), runtime.context.hooks, "load_masking_rules"
    )
    resolved = validate_rules(raw, snapshot)
    present = [r for r in resolved if r.table in run["tables"]]
    if not present:
        raise PermanentJobError("No masking rule targets a table of the input dataset version.")
    inherited = sum(1 for r in present if r.source == "foreign_key")
    runtime.context.hooks.log(
        f"{len(present)} column rule(s) ({inherited} inherited through foreign keys); "
        f"{len(resolved) - len(present)} on tables absent from the dataset",
        stage="load_masking_rules",
    )
    rules = {
        "rule_set_id": rule_set_id,
        "rule_set_version": version,
        "rules": [r.model_dump(mode="json") for r in present],
        # The request's choice, else the rule set's, else fail (privacy by default).
        "unknown_columns": str(options.unknown_columns or stored_mode or "fail"),
    }
    return {
        "masking_rules": rules,
        "mask_run": {**run, "drift_gate": gate},
        "current_node": "load_masking_rules",
    }


def create_masked_version(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Fix the output version's id and create its row before any file is written."""
    # The row stays `pending` here: `apply_mask_transformers` marks it `writing` as it starts.
    version_id = reserve_output_version(
        runtime,
        STEP,
        source_type="masked",
        schema_version_id=uuid.UUID(state["mask_run"]["schema_version_id"]),
        name=_options(state).name,
        mark_writing=False,
    )
    return {
        "masked_dataset_version_id": str(version_id),
        "current_node": "create_masked_version",
    }


def _mask_context(services: Services, rules: list[ResolvedRule]) -> MaskContext:
    settings = masking_settings()
    needs_vault = any(r.type == "mask.tokenize" for r in rules)
    return MaskContext(
        keyring=load_keyring(settings),
        token_sink=VaultTokenSink(services) if needs_vault else None,
        fake_pool_size=settings.fake_pool_size,
    )


def apply_mask_transformers(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Read the input version, mask column-at-a-time, write every table of the output version."""
    services, run = runtime.context.services, state["mask_run"]
    store, input_id = services.dataset_store, run["input_dataset_version_id"]
    output_id = state["masked_dataset_version_id"]
    rules = _rules(state)
    with services.unit_of_work() as session:
        DatasetRepository(session).set_status(uuid.UUID(output_id), "writing")
    files: dict[str, TableFileInfo] = {}

    def write(table: str, batches: Iterable[pa.RecordBatch], schema: pa.Schema | None) -> TableFileInfo:
        # A table without rows still keeps its columns: take the schema from the input file.
        files[table] = store.write_table(
            output_id, table, batches, schema or store.table_schema(input_id, table)
        )
        return files[table]

    result = mask_dataset(
        _reader(store, input_id), write, sorted(run["tables"]), rules, _mask_context(services, rules),
        runtime.context.hooks,
    )  # fmt: skip
    updated = {
        **run,
        "key_id": result.key_id,
        "files": {t: info.model_dump(mode="json") for t, info in files.items()},
        # Which rule touched which column, per table: the column-level lineage of the output.
        "column_rules": [{"table": t.table, **c} for t in result.tables for c in t.columns],
    }
    return {"mask_run": updated, "current_node": "apply_mask_transformers"}


def _integrity_failure(integrity: Any, expected: dict[str, int]) -> str | None:
    broken = [f"{o.relationship}: {o.orphans} orphan row(s)" for o in integrity.orphans if o.orphans]
    changed = [
        f"{t}: {expected[t]} -> {integrity.row_counts.get(t)} rows"
        for t in sorted(expected)
        if integrity.row_counts.get(t) != expected[t]
    ]
    if broken:
        return "Masking broke foreign keys: " + "; ".join(broken)
    if changed:
        return "Masking changed row counts: " + "; ".join(changed)
    return None


def validate_integrity(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """0 orphans, row counts unchanged, and no original value or PII shape left in masked columns."""
    services, run, hooks = runtime.context.services, state["mask_run"], runtime.context.hooks
    store = services.dataset_store
    masked = _reader(store, state["masked_dataset_version_id"], allow_incomplete=True)
    snapshot = load_snapshot(services, run["schema_version_id"])
    integrity = check_integrity(masked, snapshot, sorted(run["tables"]))
    failure = _integrity_failure(integrity, run["tables"])
    if failure:
        raise PermanentJobError(failure)
    hooks.progress("validate_integrity", 1, 2, f"{len(integrity.orphans)} foreign key(s) intact")
    hooks.check_cancelled()
    leaks = leak_check(_reader(store, run["input_dataset_version_id"]), masked, _rules(state))
    if not leaks.ok:
        # The summary holds table.column names and counts only, never a value.
        raise PermanentJobError(f"Leak check failed, {leaks.summary()}")
    hooks.progress("validate_integrity", 2, 2, leaks.summary())
    hooks.log(f"Integrity: 0 orphans over {len(integrity.orphans)} foreign key(s); {leaks.summary()}",
              stage="validate_integrity")  # fmt: skip
    reports = {
        "integrity": {"ok": integrity.ok, **dataclasses.asdict(integrity)},
        "leak_check": {"ok": leaks.ok, **dataclasses.asdict(leaks)},
    }
    return {"mask_run": {**run, **reports}, "current_node": "validate_integrity"}


def _record_catalog(services: Services, state: StepState, job_id: uuid.UUID) -> None:
    """Status ready, metadata and lineage, in one transaction (so a retry finds all or nothing)."""
    run, rules = state["mask_run"], state["masking_rules"]
    output_id = uuid.UUID(state["masked_dataset_version_id"])
    rule_set_id = uuid.UUID(rules["rule_set_id"]) if rules["rule_set_id"] else None
    files = run["files"]
    with services.unit_of_work() as session:
        repo = DatasetRepository(session)
        row = repo.get(output_id)
        if row is not None and row.status == "ready":
            return
        repo.set_status(output_id, "ready", row_count=sum(f["rows"] for f in files.values()),
                        byte_size=sum(f["bytes"] for f in files.values()))  # fmt: skip
        repo.set_many_metadata(output_id, {
            "input_dataset_version_id": run["input_dataset_version_id"],
            "rule_set_id": rules["rule_set_id"], "rule_set_version": rules["rule_set_version"],
            "key_id": run["key_id"], "row_counts": {t: f["rows"] for t, f in files.items()},
            "column_rules": run["column_rules"], "integrity_report": run["integrity"],
            "leak_report": run["leak_check"], "column_states": run.get("coverage"),
            "drift_gate": run.get("drift_gate"),
        })  # fmt: skip
        lineage = LineageRepository(session)
        lineage.add(
            source_type="dataset_version", source_id=run["input_dataset_version_id"],
            target_type="dataset_version", target_id=output_id, operation="derived_from", job_id=job_id,
            details={"step": STEP, "rule_set_id": rules["rule_set_id"],
                     "rule_set_version": rules["rule_set_version"], "key_ids": [run["key_id"]]},
        )  # fmt: skip
        lineage.add_column_lineage(output_id, [
            ColumnLineageEntry(table_name=c["table"], column_name=c["column"], rule_type=c["rule"],
                               rule_set_id=rule_set_id, rule_set_version=rules["rule_set_version"],
                               key_id=run["key_id"])
            for c in run["column_rules"]
        ])  # fmt: skip


def store_masked_dataset(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Manifest last, then status ready, metadata, lineage and column lineage."""
    services, run, rules = runtime.context.services, state["mask_run"], state["masking_rules"]
    output_id = state["masked_dataset_version_id"]
    files = {t: TableFileInfo.model_validate(f) for t, f in run["files"].items()}
    extra = {
        "source_type": "masked", "input_dataset_version_id": run["input_dataset_version_id"],
        "rule_set_id": rules["rule_set_id"], "rule_set_version": rules["rule_set_version"],
        "key_id": run["key_id"],
    }  # fmt: skip
    services.dataset_store.write_manifest(output_id, files, extra)
    _record_catalog(services, state, uuid.UUID(runtime.context.job_id))
    summary = {
        **extra,
        "masked_dataset_version_id": output_id,
        "tables": len(files),
        "rows": sum(f.rows for f in files.values()),
        "row_counts": {t: f.rows for t, f in files.items()},
        "columns_masked": len(run["column_rules"]),
        "integrity": run["integrity"],
        "leak_check": run["leak_check"],
        "column_states": run.get("coverage"),
        "drift_gate": run.get("drift_gate"),
    }
    runtime.context.hooks.log(
        f"Masked dataset version {output_id} is ready: {summary['tables']} table(s), {summary['rows']} rows",
        stage="store_masked_dataset",
    )
    return {"step_results": {STEP: summary}, "current_node": "store_masked_dataset"}


NODES = (load_dataset, load_masking_rules, check_column_coverage, create_masked_version,
         apply_mask_transformers, validate_integrity, store_masked_dataset, score_masked_privacy)  # fmt: skip


def build_masking_graph() -> Subgraph:
    """The compiled masking subgraph (a node of the supergraph)."""
    return build_linear_graph(NODES, reads=MaskingReads, writes=MaskingWrites)
