"""The schema drift gate as the API shows it (GET /schema/{id}/drift-gate) and applies it to
mask and provision requests before a job is queued (409 naming the blocking columns)."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from sqlalchemy.orm import Session

from tdm_agents.masking.drift_gate import DriftGate, evaluate_gate, gate_for_version
from tdm_api.errors import Conflict, Invalid, NotFound
from tdm_api.models.drift_gate import DriftGateOut
from tdm_metadata_store.models import MaskingRuleSet, Schema, SchemaVersion
from tdm_metadata_store.repositories.masking_rules import MaskingRuleRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository


def _newest_rule_set(session: Session, versions: dict[uuid.UUID, SchemaVersion]) -> MaskingRuleSet | None:
    tied = [r for r in MaskingRuleRepository(session).list() if r.schema_version_id in versions]
    return max(tied, key=lambda r: (r.created_at, r.version), default=None)


def _baseline(
    session: Session, schema: Schema, rule_set_id: uuid.UUID | None, from_version: int | None
) -> tuple[SchemaVersion | None, str, MaskingRuleSet | None]:
    """(baseline version, how it was chosen, the rule set it came from)."""
    repo = SchemaRepository(session)
    versions = {v.id: v for v in repo.list_versions(schema.id)}
    if rule_set_id is not None:
        rule_set = MaskingRuleRepository(session).get(rule_set_id)
        if rule_set is None:
            raise NotFound("No masking rule set with this id.", field="rule_set_id")
        if rule_set.schema_version_id not in versions:
            raise Invalid("This rule set was not saved for a version of this schema.", field="rule_set_id")
        return versions[rule_set.schema_version_id], "rule_set", rule_set  # type: ignore[index]
    if from_version is not None:
        version = repo.get_version_by_number(schema.id, from_version)
        if version is None:
            raise NotFound("This schema has no such version.", field="from")
        return version, "version", None
    newest = _newest_rule_set(session, versions)
    if newest is not None:
        return versions[newest.schema_version_id], "newest_rule_set", newest  # type: ignore[index]
    ordered = sorted(versions.values(), key=lambda v: v.version_number)
    if len(ordered) >= 2:
        return ordered[-2], "previous_version", None
    return (ordered[-1] if ordered else None), "latest_version", None


def schema_drift_gate(
    session: Session, schema: Schema, rule_set_id: uuid.UUID | None = None, from_version: int | None = None
) -> DriftGateOut:
    """The schema's gate against the chosen baseline (see DriftGateOut.baseline)."""
    baseline, how, rule_set = _baseline(session, schema, rule_set_id, from_version)
    if baseline is None:
        raise NotFound("This schema has no version yet.")
    gate = evaluate_gate(session, baseline)
    return DriftGateOut(
        **{k: v for k, v in dataclasses.asdict(gate).items() if k != "schema_id"},
        schema_id=schema.id,
        baseline=how,  # type: ignore[arg-type]
        rule_set_id=rule_set.id if rule_set else None,
    )


def require_open_gate(session: Session, schema_version_id: uuid.UUID | None, field: str) -> DriftGate | None:
    """409 when data or rules made for this schema version are stopped by the drift gate."""
    gate = gate_for_version(session, schema_version_id) if schema_version_id else None
    if gate is not None and not gate.open:
        raise Conflict(
            f"Stopped by the schema drift gate: {len(gate.blockers)} column(s) of schema version "
            f"{gate.latest_version} need a masking rule or a review as not personal "
            f"(GET /schema/{gate.schema_id}/drift-gate).",
            field=field,
            errors=[_problem(b) for b in gate.blockers[:100]],
        )
    return gate


def _problem(blocker: Any) -> dict[str, str]:
    return {"field": f"{blocker.table}.{blocker.column}", "message": blocker.reason}
