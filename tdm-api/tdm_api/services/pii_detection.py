"""PII classification jobs, reviews of a version's map, and the masking rules it suggests."""

from __future__ import annotations

import uuid
from collections import Counter

from sqlalchemy.orm import Session

from tdm_agents.pii_detection.fitted_rules import suggest_rules
from tdm_agents.pii_detection.stored import stored_findings
from tdm_api.dependencies import Principal, UnitOfWork, audit
from tdm_api.errors import Conflict, NotFound
from tdm_api.models.common import JobAccepted
from tdm_api.models.pii_detection import ClassifyRequest, PiiMapOut, ReviewItem, SuggestedRulesOut
from tdm_api.runtime import ApiRuntime
from tdm_api.services.orchestrator_client import submit_job
from tdm_api.services.pii_detection_map import load_pii_map, version_or_404
from tdm_api.services.pii_detection_reviews import record_reviews
from tdm_metadata_store.repositories.connections import ConnectionRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository
from tdm_orchestrator.contract import Operation


def submit_classification(
    uow: UnitOfWork, runtime: ApiRuntime, principal: Principal, body: ClassifyRequest
) -> JobAccepted:
    """Check the version and its source exist, then queue the job (it samples the source)."""
    schemas = SchemaRepository(uow.session)
    version = schemas.get_version(body.schema_version_id)
    if version is None:
        raise NotFound("No schema version with this id.", field="schema_version_id")
    schema = schemas.get_schema(version.schema_id)
    connection_id = schema.source_connection_id if schema else None
    if connection_id is None or ConnectionRepository(uow.session).get(connection_id) is None:
        raise Conflict(
            "The schema's source connection was deleted; register it and discover again.",
            field="schema_version_id",
        )
    return submit_job(uow, runtime, principal, Operation.PII_CLASSIFICATION, body.model_dump(mode="json"))


def review_columns(
    uow: UnitOfWork, principal: Principal, schema_version_id: uuid.UUID, reviews: list[ReviewItem]
) -> PiiMapOut:
    """Store the decisions for the schema and apply them to this version's map at once."""
    version = version_or_404(uow.session, schema_version_id)
    count = record_reviews(uow.session, version, reviews, principal.name)
    decisions = Counter(item.decision for item in reviews)
    audit(uow, principal, "pii.review", "schema_version", version.id, {"columns": count, **decisions})
    return load_pii_map(uow.session, schema_version_id)


def suggested_rules(session: Session, schema_version_id: uuid.UUID) -> SuggestedRulesOut:
    version = version_or_404(session, schema_version_id)
    snapshot = SchemaRepository(session).load_snapshot(version.id, include_virtual=False)
    suggested = suggest_rules(stored_findings(session, version.id), snapshot)
    return SuggestedRulesOut(
        schema_version_id=version.id,
        rules=suggested.rules,
        columns=len(suggested.rules),
        adjusted=suggested.adjusted,
    )
