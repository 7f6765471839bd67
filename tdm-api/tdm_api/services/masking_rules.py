"""Masking rule sets: versioned by name; saving the same rules again makes no new version."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from tdm_api.dependencies import Principal, UnitOfWork, audit
from tdm_api.errors import NotFound
from tdm_api.models.masking import RuleSetCreate, RuleSetOut
from tdm_api.services.masking_inputs import normalized_rules, resolved_rules, schema_snapshot
from tdm_metadata_store.models import MaskingRuleSet
from tdm_metadata_store.repositories.masking_rules import MaskingRuleRepository


def rule_set_out(row: MaskingRuleSet) -> RuleSetOut:
    return RuleSetOut(
        id=row.id,
        name=row.name,
        version=row.version,
        rules=list(row.rules_json.get("rules", [])),
        description=row.description,
        schema_version_id=row.schema_version_id,
        unknown_columns=row.unknown_columns,
        created_by=row.created_by,
        created_at=row.created_at,
    )


def save_rule_set(uow: UnitOfWork, principal: Principal, body: RuleSetCreate) -> tuple[RuleSetOut, bool]:
    """The saved version and whether it is new. Rules are checked for shape and rule types always,
    and against a schema version when one is given."""
    rules = normalized_rules(body.rules)
    if body.schema_version_id is not None:
        resolved_rules(rules, schema_snapshot(uow.session, body.schema_version_id))
    repo = MaskingRuleRepository(uow.session)
    latest = repo.latest(body.name)
    if (
        latest is not None
        and latest.rules_json == rules
        and latest.schema_version_id == body.schema_version_id
        and latest.description == body.description
        and latest.unknown_columns == body.unknown_columns
    ):
        return rule_set_out(latest), False
    row = repo.create_version(
        body.name,
        rules,
        description=body.description,
        schema_version_id=body.schema_version_id,
        created_by=principal.name,
        unknown_columns=body.unknown_columns,
    )
    audit(
        uow,
        principal,
        "masking_rules.create",
        "masking_rule_set",
        row.id,
        {"name": row.name, "version": row.version, "rules": len(rules["rules"])},
    )
    return rule_set_out(row), True


def list_rule_sets(session: Session, name: str | None, latest_only: bool) -> list[RuleSetOut]:
    return [
        rule_set_out(row) for row in MaskingRuleRepository(session).list(name=name, latest_only=latest_only)
    ]


def get_rule_set(session: Session, rule_set_id: uuid.UUID) -> RuleSetOut:
    row = MaskingRuleRepository(session).get(rule_set_id)
    if row is None:
        raise NotFound("No masking rule set with this id.")
    return rule_set_out(row)
