"""Stored rule sets that can no longer run: the check `tdm migrate` runs after upgrading.

Rule sets saved before submission checks were complete (or before a rule type's options were
tightened) may hold unknown rule types or options their model refuses. They are reported by id
and rule, never changed: a rule set version is immutable, the fix is saving a new version.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from tdm_agents.masking.rules import RuleValidationError, checked_entries, validate_rules
from tdm_metadata_store.models import MaskingRuleSet
from tdm_metadata_store.repositories.masking_rules import MaskingRuleRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository


@dataclass(frozen=True)
class InvalidRuleSet:
    """One stored rule set version and why it cannot run, each problem as {field, message}."""

    id: uuid.UUID
    name: str
    version: int
    problems: list[dict[str, str]]


def _problems(session: Session, row: MaskingRuleSet) -> list[dict[str, str]]:
    entries, problems = checked_entries(row.rules_json)
    if problems or row.schema_version_id is None:
        return problems
    schemas = SchemaRepository(session)
    if schemas.get_version(row.schema_version_id) is None:
        return []  # the schema version was deleted: only the rules' own checks apply
    try:
        validate_rules(entries, schemas.load_snapshot(row.schema_version_id))
    except RuleValidationError as exc:
        return exc.problems
    return []


def invalid_rule_sets(session: Session) -> list[InvalidRuleSet]:
    """Every stored rule set version that would be refused if it were submitted today."""
    found = []
    for row in MaskingRuleRepository(session).list():
        problems = _problems(session, row)
        if problems:
            found.append(InvalidRuleSet(row.id, row.name, row.version, problems))
    return found
