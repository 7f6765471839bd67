"""PII classification jobs, the PII map of a schema version, reviews, and suggested masking rules."""

from __future__ import annotations

from collections import Counter

from fastapi import APIRouter, Body, status

from tdm_agents.pii_detection.fitted_rules import suggest_rules
from tdm_agents.pii_detection.stored import stored_findings
from tdm_api.dependencies import Operator, RuntimeDep, UowDep, Viewer, audit, parse_uuid
from tdm_api.errors import Conflict, NotFound
from tdm_api.models.common import PROBLEM_RESPONSES, JobAccepted
from tdm_api.models.pii_detection import (
    MAX_REVIEWS_PER_REQUEST,
    ClassifyRequest,
    PiiMapOut,
    ReviewItem,
    SuggestedRulesOut,
)
from tdm_api.services.orchestrator_client import submit_job
from tdm_api.services.pii_detection_map import load_pii_map, version_or_404
from tdm_api.services.pii_detection_reviews import record_reviews
from tdm_metadata_store.repositories.connections import ConnectionRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository
from tdm_orchestrator.contract import Operation

router = APIRouter(tags=["pii"], responses=PROBLEM_RESPONSES)


@router.post(
    "/pii/classify",
    operation_id="classifyPii",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Start a PII classification job for a schema version",
)
def classify(body: ClassifyRequest, uow: UowDep, runtime: RuntimeDep, principal: Operator) -> JobAccepted:
    """Check the version and its source exist, then queue the job (it samples the source)."""
    version = SchemaRepository(uow.session).get_version(body.schema_version_id)
    if version is None:
        raise NotFound("No schema version with this id.", field="schema_version_id")
    schema = SchemaRepository(uow.session).get_schema(version.schema_id)
    connection_id = schema.source_connection_id if schema else None
    if connection_id is None or ConnectionRepository(uow.session).get(connection_id) is None:
        raise Conflict(
            "The schema's source connection was deleted; register it and discover again.",
            field="schema_version_id",
        )
    return submit_job(uow, runtime, principal, Operation.PII_CLASSIFICATION, body.model_dump(mode="json"))


@router.get(
    "/pii/{schema_version_id}",
    operation_id="getPiiMap",
    summary="The PII map of a schema version: type, confidence, technique, evidence and review per column",
)
def get_pii_map(schema_version_id: str, uow: UowDep, _: Viewer) -> PiiMapOut:
    """Flagged and reviewed columns of the version."""
    return load_pii_map(uow.session, parse_uuid(schema_version_id, "schema_version_id"))


@router.put(
    "/pii/{schema_version_id}",
    operation_id="reviewPii",
    summary="Confirm, reject or change the classification of columns (kept for later versions)",
)
def review_pii(
    schema_version_id: str,
    uow: UowDep,
    principal: Operator,
    reviews: list[ReviewItem] = Body(..., min_length=1, max_length=MAX_REVIEWS_PER_REQUEST),
) -> PiiMapOut:
    """Store the decisions for the schema and apply them to this version's map at once."""
    version_id = parse_uuid(schema_version_id, "schema_version_id")
    version = version_or_404(uow.session, version_id)
    count = record_reviews(uow.session, version, reviews, principal.name)
    decisions = Counter(item.decision for item in reviews)
    audit(uow, principal, "pii.review", "schema_version", version.id, {"columns": count, **decisions})
    return load_pii_map(uow.session, version_id)


@router.get(
    "/pii/{schema_version_id}/suggested-rules",
    operation_id="getSuggestedMaskingRules",
    summary="A masking rule set for the version's PII columns, ready for POST /mask",
)
def suggested_rules(schema_version_id: str, uow: UowDep, _: Viewer) -> SuggestedRulesOut:
    """One rule per flagged column (email -> mask.email_deterministic, card -> mask.fpe_pan, ...)."""
    version = version_or_404(uow.session, parse_uuid(schema_version_id, "schema_version_id"))
    snapshot = SchemaRepository(uow.session).load_snapshot(version.id, include_virtual=False)
    suggested = suggest_rules(stored_findings(uow.session, version.id), snapshot)
    return SuggestedRulesOut(
        schema_version_id=version.id,
        rules=suggested.rules,
        columns=len(suggested.rules),
        adjusted=suggested.adjusted,
    )
