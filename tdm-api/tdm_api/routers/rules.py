"""Masking rule sets (versioned: saving a name again makes its next version) and the rule catalogue."""

from __future__ import annotations

from fastapi import APIRouter, Query, Response, status

from tdm_agents.masking import list_transformers
from tdm_api.dependencies import Operator, UowDep, Viewer, audit, parse_uuid
from tdm_api.errors import NotFound
from tdm_api.models.common import PROBLEM_RESPONSES
from tdm_api.models.masking import RuleSetCreate, RuleSetOut, TransformerOut
from tdm_api.services.masking_inputs import normalized_rules, resolved_rules, schema_snapshot
from tdm_metadata_store.models import MaskingRuleSet
from tdm_metadata_store.repositories.masking_rules import MaskingRuleRepository

router = APIRouter(tags=["rules"], responses=PROBLEM_RESPONSES)


def _out(row: MaskingRuleSet) -> RuleSetOut:
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


@router.post(
    "/rules/masking",
    operation_id="createMaskingRuleSet",
    status_code=status.HTTP_201_CREATED,
    summary="Save a masking rule set; an existing name gets a new version",
    responses={200: {"description": "Same rules as the latest version: no new version was made"}},
)
def create_rule_set(body: RuleSetCreate, uow: UowDep, principal: Operator, response: Response) -> RuleSetOut:
    """Rules are checked for shape and rule types always, and against a schema version when one is given."""
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
        response.status_code = status.HTTP_200_OK
        return _out(latest)
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
    return _out(row)


@router.get("/rules/masking", operation_id="listMaskingRuleSets", summary="List masking rule sets")
def list_rule_sets(
    uow: UowDep,
    _: Viewer,
    name: str | None = Query(None, max_length=255, description="Only this rule set's versions"),
    latest: bool = Query(False, description="Only the newest version of each name"),
) -> list[RuleSetOut]:
    return [_out(row) for row in MaskingRuleRepository(uow.session).list(name=name, latest_only=latest)]


@router.get(
    "/rules/masking/transformers",
    operation_id="listMaskingTransformers",
    summary="The masking rule types: what they accept, their options and their guarantees",
)
def list_rule_types(_: Viewer) -> list[TransformerOut]:
    return [TransformerOut(**info.to_dict()) for info in list_transformers()]


@router.get(
    "/rules/masking/{rule_set_id}", operation_id="getMaskingRuleSet", summary="One masking rule set version"
)
def get_rule_set(rule_set_id: str, uow: UowDep, _: Viewer) -> RuleSetOut:
    row = MaskingRuleRepository(uow.session).get(parse_uuid(rule_set_id, "rule_set_id"))
    if row is None:
        raise NotFound("No masking rule set with this id.")
    return _out(row)
