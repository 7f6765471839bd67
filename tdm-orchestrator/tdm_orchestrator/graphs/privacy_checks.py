"""Fail-closed checks the mask and provision subgraphs share: the schema drift gate, and the state
(masked / reviewed / unknown) of every column of a dataset being masked.

Both run before anything is written: a blocked gate or an unknown personal column fails the job
with the tables, columns and reasons (never values), or, for a rule set that says
`unknown_columns: mask_default`, adds the suggested rule for each such column.
"""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from langgraph.runtime import Runtime

from tdm_agents.masking import ResolvedRule, validate_rules
from tdm_agents.masking.coverage import CoverageReport, column_coverage, default_rules
from tdm_agents.masking.decisions import privacy_decisions
from tdm_agents.masking.drift_gate import DriftGate, gate_for_version
from tdm_agents.masking.rules import parse_rule_set
from tdm_orchestrator.context import JobContext
from tdm_orchestrator.errors import PermanentJobError
from tdm_orchestrator.graphs.node_support import load_snapshot
from tdm_orchestrator.services import Services
from tdm_orchestrator.state import StepState


def require_open_gate(services: Services, baseline_version_id: str, hooks: Any, stage: str) -> dict[str, Any]:
    """The drift gate for data or rules made for `baseline_version_id`; a closed gate fails the job."""
    with services.unit_of_work() as session:
        gate = gate_for_version(session, uuid.UUID(baseline_version_id))
    if gate is None:
        raise PermanentJobError(f"Schema version {baseline_version_id} does not exist.")
    if not gate.open:
        raise PermanentJobError(f"Stopped by the schema drift gate: {gate.summary()}")
    hooks.log(gate.summary(), stage=stage)
    return _gate_record(gate)


def _gate_record(gate: DriftGate) -> dict[str, Any]:
    return {k: v for k, v in dataclasses.asdict(gate).items() if k != "blockers"}


def _table_columns(services: Services, version_id: str, tables: dict[str, int]) -> dict[str, list[str]]:
    store = services.dataset_store
    return {table: list(store.table_schema(version_id, table).names) for table in tables}


def coverage_record(report: CoverageReport, mode: str, defaulted: list[str]) -> dict[str, Any]:
    """The value-free record kept in the job result and the dataset's metadata."""
    return {
        "unknown_columns": mode,
        "counts": report.counts(),
        "defaulted": defaulted,
        "columns": [dataclasses.asdict(c) for c in report.columns],
    }


def _with_defaults(
    state: StepState, report: CoverageReport, snapshot: Any
) -> tuple[list[ResolvedRule], list[str]]:
    """The run's rules plus the suggested rule for each unknown personal column, validated together."""
    current = [ResolvedRule.model_validate(r) for r in state["masking_rules"]["rules"]]
    explicit = [
        {"table": r.table, "column": r.column, "type": r.type, "options": r.options}
        for r in current
        if r.source == "explicit"
    ]
    defaults = [e.model_dump(mode="json") for e in parse_rule_set(default_rules(report, snapshot))]
    resolved = validate_rules(explicit + defaults, snapshot)
    return resolved, [f"{d['table']}.{d['column']}" for d in defaults]


def check_column_coverage(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Every column masked, reviewed as not personal, or unknown; unknown personal ones fail or get defaults."""
    services, run, hooks = runtime.context.services, state["mask_run"], runtime.context.hooks
    rules = [ResolvedRule.model_validate(r) for r in state["masking_rules"]["rules"]]
    mode = state["masking_rules"].get("unknown_columns") or "fail"
    snapshot = load_snapshot(services, run["schema_version_id"])
    with services.unit_of_work() as session:
        decisions = privacy_decisions(session, uuid.UUID(run["schema_version_id"]), snapshot)
    input_id = run["input_dataset_version_id"]
    read = lambda table, columns=None: services.dataset_store.read_table(input_id, table, columns=columns)  # noqa: E731
    report = column_coverage(
        read, _table_columns(services, input_id, run["tables"]), snapshot, rules, decisions
    )
    defaulted: list[str] = []
    update: dict[str, Any] = {}
    if report.personal_unknown and mode != "mask_default":
        raise PermanentJobError(
            f"Masking refused: {len(report.personal_unknown)} column(s) without a rule look personal "
            f"({report.summary()}). Add masking rules for them, review them as not personal, "
            "or set unknown_columns to mask_default."
        )
    if report.personal_unknown:
        resolved, defaulted = _with_defaults(state, report, snapshot)
        present = [r.model_dump(mode="json") for r in resolved if r.table in run["tables"]]
        update["masking_rules"] = {**state["masking_rules"], "rules": present}
        hooks.log(f"Masking {len(defaulted)} unknown personal column(s) with suggested rules: "
                  f"{', '.join(defaulted)}", stage="check_column_coverage")  # fmt: skip
    counts = report.counts()
    hooks.log(
        f"Columns: {counts['masked']} masked, {counts['reviewed']} reviewed as not personal, "
        f"{counts['unknown']} unknown ({counts['unknown_personal']} looking personal)",
        stage="check_column_coverage",
    )
    record = coverage_record(report, mode, defaulted)
    return {**update, "mask_run": {**run, "coverage": record}, "current_node": "check_column_coverage"}
