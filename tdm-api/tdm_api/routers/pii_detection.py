"""PII classification jobs, the PII map of a schema version, reviews, and suggested masking rules."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Body, status

from tdm_api.dependencies import Operator, RuntimeDep, UowDep, Viewer
from tdm_api.models.common import PROBLEM_RESPONSES, JobAccepted
from tdm_api.models.pii_detection import (
    MAX_REVIEWS_PER_REQUEST,
    ClassifyRequest,
    PiiMapOut,
    ReviewItem,
    SuggestedRulesOut,
)
from tdm_api.services import pii_detection
from tdm_api.services.pii_detection_map import load_pii_map

router = APIRouter(tags=["pii"], responses=PROBLEM_RESPONSES)


@router.post(
    "/pii/classify",
    operation_id="classifyPii",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Start a PII classification job for a schema version",
)
def classify(body: ClassifyRequest, uow: UowDep, runtime: RuntimeDep, principal: Operator) -> JobAccepted:
    """Check the version and its source exist, then queue the job (it samples the source)."""
    return pii_detection.submit_classification(uow, runtime, principal, body)


@router.get(
    "/pii/{schema_version_id}",
    operation_id="getPiiMap",
    summary="The PII map of a schema version: type, confidence, technique, evidence and review per column",
)
def get_pii_map(schema_version_id: uuid.UUID, uow: UowDep, _: Viewer) -> PiiMapOut:
    """Flagged and reviewed columns of the version."""
    return load_pii_map(uow.session, schema_version_id)


@router.put(
    "/pii/{schema_version_id}",
    operation_id="reviewPii",
    summary="Confirm, reject or change the classification of columns (kept for later versions)",
)
def review_pii(
    schema_version_id: uuid.UUID,
    uow: UowDep,
    principal: Operator,
    reviews: list[ReviewItem] = Body(..., min_length=1, max_length=MAX_REVIEWS_PER_REQUEST),
) -> PiiMapOut:
    """Store the decisions for the schema and apply them to this version's map at once."""
    return pii_detection.review_columns(uow, principal, schema_version_id, reviews)


@router.get(
    "/pii/{schema_version_id}/suggested-rules",
    operation_id="getSuggestedMaskingRules",
    summary="A masking rule set for the version's PII columns, ready for POST /mask",
)
def suggested_rules(schema_version_id: uuid.UUID, uow: UowDep, _: Viewer) -> SuggestedRulesOut:
    """One rule per flagged column (email -> mask.email_deterministic, card -> mask.fpe_pan, ...)."""
    return pii_detection.suggested_rules(uow.session, schema_version_id)
