"""Checks a masking request must pass before any job starts: the input version, the rules, the keys.

Each failure becomes the problem details a client can act on: 404 for an unknown dataset, 409 for
one that is incomplete or deleted, 422 for rules that cannot run (every problem listed in
`errors`) or a missing masking key. The rule checks are the masking agent's own.
"""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from tdm_agents.masking import (
    MaskingKeyError,
    MaskingKeyring,
    ResolvedRule,
    RuleValidationError,
    load_keyring,
    parse_rule_set,
    validate_rules,
)
from tdm_agents.masking import get_settings as masking_settings
from tdm_agents.masking.output_length import length_problems
from tdm_agents.pii_detection.fitted_rules import suggest_rules
from tdm_agents.pii_detection.stored import stored_findings
from tdm_api.errors import Conflict, Invalid, NotFound
from tdm_api.models.masking import RuleSource
from tdm_dataset_store import DatasetStore
from tdm_metadata_store.key_types import IncompatibleKeyTypes, check_key_types
from tdm_metadata_store.models import DatasetVersion, MaskingRuleSet
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_metadata_store.repositories.masking_rules import MaskingRuleRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository
from tdm_metadata_store.snapshot import SchemaSnapshot


def ready_dataset(session: Session, store: DatasetStore, dataset_version_id: uuid.UUID) -> DatasetVersion:
    """The dataset version if it can be read in full: 404 when unknown, 409 when deleted or incomplete."""
    row = DatasetRepository(session).get(dataset_version_id)
    if row is None:
        raise NotFound("No dataset version with this id.", field="dataset_version_id")
    if row.status == "deleted":
        raise Conflict("This dataset version is deleted.", field="dataset_version_id")
    if row.status != "ready" or not store.is_complete(row.id):
        raise Conflict(
            f"This dataset version is not complete (status {row.status}); only ready versions can be masked.",
            field="dataset_version_id",
        )
    if row.schema_version_id is None:
        raise Conflict(
            "This dataset version has no schema version, so masking rules cannot be checked against it.",
            field="dataset_version_id",
        )
    return row


def schema_snapshot(session: Session, schema_version_id: uuid.UUID | None) -> SchemaSnapshot:
    """The schema version's snapshot (user-defined keys included); 404 when unknown or absent (a
    dataset made without one), 409 when a user-defined key links incompatible types (rules would
    propagate across it)."""
    repo = SchemaRepository(session)
    if schema_version_id is None or repo.get_version(schema_version_id) is None:
        raise NotFound("No schema version with this id.", field="schema_version_id")
    snapshot = repo.load_snapshot(schema_version_id)
    try:
        check_key_types(snapshot)
    except IncompatibleKeyTypes as exc:
        raise Conflict(str(exc), field="schema_version_id") from None
    return snapshot


def stored_rule_set(session: Session, rule_set_id: uuid.UUID, version: int | None = None) -> MaskingRuleSet:
    """A stored rule set version: the id's own, or `version` of the same name; 404 when absent."""
    repo = MaskingRuleRepository(session)
    row = repo.get(rule_set_id)
    if row is None:
        raise NotFound("No masking rule set with this id.", field="rule_set_id")
    if version is not None and version != row.version:
        row = repo.get_version(row.name, version)
        if row is None:
            raise NotFound(f"Rule set has no version {version}.", field="rule_set_version")
    return row


def requested_rules(
    session: Session, source: RuleSource, schema_version_id: uuid.UUID | None = None
) -> tuple[Any, MaskingRuleSet | None]:
    """(raw rules, the stored rule set or None for inline or suggested rules)."""
    if source.use_suggested_rules:
        return suggested_rules(session, schema_version_id), None
    if source.rule_set_id is None:
        return source.rules, None
    row = stored_rule_set(session, source.rule_set_id, source.rule_set_version)
    return row.rules_json, row


def suggested_rules(session: Session, schema_version_id: uuid.UUID | None) -> dict[str, Any]:
    """Rules suggested from the schema version's PII classification; 422 when there is none."""
    findings = stored_findings(session, schema_version_id) if schema_version_id else []
    if not findings:
        raise Invalid(
            "use_suggested_rules needs a PII classification of the dataset's schema version; "
            "run POST /pii/classify first.",
            field="use_suggested_rules",
        )
    return suggest_rules(findings, schema_snapshot(session, schema_version_id)).rules


def _invalid(problems: list[dict[str, str]]) -> Invalid:
    first = problems[0]
    detail = f"{len(problems)} problem(s) in the masking rules; first: {first['field']}: {first['message']}"
    return Invalid(detail, field="rules", errors=problems)


def normalized_rules(raw: Any) -> dict[str, Any]:
    """Rules in the stored form `{"rules": [{table, column, type, options}]}`; 422 when malformed."""
    try:
        entries = parse_rule_set(raw)
    except RuleValidationError as exc:
        raise _invalid(exc.problems) from None
    except (ValidationError, TypeError):
        raise _invalid(
            [{"field": "rules", "message": "each rule needs table, column, type and options only"}]
        ) from None
    if not entries:
        raise _invalid([{"field": "rules", "message": "a rule set needs at least one rule"}])
    return {"rules": [entry.model_dump(mode="json") for entry in entries]}


def resolved_rules(raw: Any, snapshot: SchemaSnapshot) -> list[ResolvedRule]:
    """The agent's validation (types, options, FK propagation, output lengths); 422 listing every problem."""
    normalized = normalized_rules(raw)
    try:
        rules = validate_rules(normalized, snapshot)
    except RuleValidationError as exc:
        raise _invalid(exc.problems) from None
    # Parquet has no length limits: an overflow would surface only when provisioning loads it.
    too_long = length_problems(rules, snapshot)
    if too_long:
        raise _invalid(too_long)
    return rules


def masking_keyring() -> MaskingKeyring:
    """The configured masking keys; 422 naming the problem when a key is missing or too short."""
    try:
        return load_keyring(masking_settings())
    except MaskingKeyError as exc:
        raise Invalid(str(exc), field="masking_key") from None


def rules_for_tables(rules: list[ResolvedRule], tables: set[str]) -> list[ResolvedRule]:
    """The rules that touch the dataset's tables; 422 when none does (the job would mask nothing)."""
    present = [r for r in rules if r.table in tables]
    if not present:
        raise _invalid([{"field": "rules", "message": "no rule targets a table of this dataset version"}])
    return present
