"""Masking rule sets (versioned: saving a name again makes its next version) and the rule catalogue."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Query, Response, status

from tdm_agents.masking import list_transformers
from tdm_api.dependencies import Operator, UowDep, Viewer
from tdm_api.models.common import PROBLEM_RESPONSES
from tdm_api.models.masking import RuleSetCreate, RuleSetOut, TransformerOut
from tdm_api.services import masking_rules

router = APIRouter(tags=["rules"], responses=PROBLEM_RESPONSES)


@router.post(
    "/rules/masking",
    operation_id="createMaskingRuleSet",
    status_code=status.HTTP_201_CREATED,
    summary="Save a masking rule set; an existing name gets a new version",
    responses={200: {"description": "Same rules as the latest version: no new version was made"}},
)
def create_rule_set(body: RuleSetCreate, uow: UowDep, principal: Operator, response: Response) -> RuleSetOut:
    """Rules are checked for shape and rule types always, and against a schema version when one is given."""
    out, created = masking_rules.save_rule_set(uow, principal, body)
    if not created:
        response.status_code = status.HTTP_200_OK
    return out


@router.get("/rules/masking", operation_id="listMaskingRuleSets", summary="List masking rule sets")
def list_rule_sets(
    uow: UowDep,
    _: Viewer,
    name: str | None = Query(None, max_length=255, description="Only this rule set's versions"),
    latest: bool = Query(False, description="Only the newest version of each name"),
) -> list[RuleSetOut]:
    return masking_rules.list_rule_sets(uow.session, name, latest)


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
def get_rule_set(rule_set_id: uuid.UUID, uow: UowDep, _: Viewer) -> RuleSetOut:
    return masking_rules.get_rule_set(uow.session, rule_set_id)
