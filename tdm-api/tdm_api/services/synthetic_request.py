"""Checks a synthetic request must pass before any job starts, with the agent's own validation.

422 for what the caller can fix in the body (no source, unknown pack, scenario, engine or locale,
bad row counts, a malformed or huge spec, an unparsable test-case file, a URL the guard refuses,
sdv not installed); 404 for an unknown schema version or training dataset; 409 for a training
dataset that is not complete. URLs are only checked here, never fetched: the job fetches them.
"""

from __future__ import annotations

import uuid
from typing import Any

from faker.config import AVAILABLE_LOCALES
from sqlalchemy.orm import Session

from tdm_agents.synthetic import (
    CrawlError,
    NormalizedSchema,
    SpecError,
    SyntheticRequestError,
    TestCaseParseError,
    from_snapshot,
    load_domain_pack,
    merge_schemas,
    parse_openapi,
    parse_test_cases,
)
from tdm_agents.synthetic.engines.relations import canonical_row_counts
from tdm_agents.synthetic.engines.sdv_engine import INSTALL_HINT, sdv_installed
from tdm_agents.synthetic.generate import plan_rows
from tdm_agents.synthetic.packs import DomainPack, scenario_for
from tdm_agents.synthetic.scenarios import Scenario
from tdm_agents.synthetic.settings import SyntheticSettings
from tdm_agents.synthetic.sources.spec_fetch import spec_bytes
from tdm_agents.synthetic.sources.url_guard import check_url
from tdm_api.errors import Conflict, Invalid, NotFound
from tdm_api.models.synthetic import SyntheticRequest
from tdm_api.services.masking_inputs import schema_snapshot
from tdm_dataset_store import DatasetStore
from tdm_metadata_store.models import DatasetVersion
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_orchestrator.contract import Operation

SOURCE_FIELDS = ("ui_urls", "api_spec_url", "api_spec", "test_case_files", "schema_version_id", "domain_pack")


def training_dataset(session: Session, store: DatasetStore, version_id: uuid.UUID) -> DatasetVersion:
    """The training version: 404 when unknown, 409 when deleted or not complete."""
    row = DatasetRepository(session).get(version_id)
    if row is None:
        raise NotFound("No dataset version with this id.", field="training_dataset_version_id")
    if row.status != "ready" or not store.is_complete(row.id):
        raise Conflict(
            f"The training dataset version is not complete (status {row.status}); only ready "
            "versions can be learned from.",
            field="training_dataset_version_id",
        )
    return row


def domain_pack(name: str | None) -> DomainPack | None:
    """The named bundled pack; 422 naming the known ones when it does not exist."""
    if not name:
        return None
    try:
        return load_domain_pack(name)
    except SyntheticRequestError as exc:
        raise Invalid(str(exc), field="domain_pack") from None


def scenario(pack: DomainPack | None, name: str | None) -> Scenario:
    """The pack's scenario (or a built-in one without a pack); 422 naming the known ones."""
    try:
        return scenario_for(pack, name or "default")
    except SyntheticRequestError as exc:
        raise Invalid(str(exc), field="scenario_template") from None


def check_engine(body: SyntheticRequest) -> None:
    """sdv needs SDV installed and training data; the message says how to install it."""
    if body.engine != "sdv":
        return
    if not sdv_installed():
        raise Invalid(INSTALL_HINT, field="engine")
    if body.training_dataset_version_id is None:
        raise Invalid(
            "The sdv engine learns from a training_dataset_version_id (ideally a masked version).",
            field="training_dataset_version_id",
        )


def check_locale(locale: str | None) -> None:
    """A locale Faker knows."""
    if locale and locale not in AVAILABLE_LOCALES:
        raise Invalid(f"Unknown locale {locale[:20]!r}; use one such as en_US or de_DE.", field="locale")


def check_row_counts(row_counts: dict[str, int], settings: SyntheticSettings) -> None:
    """Every count positive, the total under the configured cap (the entity names are checked later)."""
    bad = sorted(name for name, count in row_counts.items() if count <= 0)
    if bad:
        raise Invalid(
            f"Row counts must be positive: {', '.join(n[:50] for n in bad[:10])}.", field="row_counts"
        )
    total = sum(row_counts.values())
    if total > settings.synthetic_max_rows:
        raise Invalid(
            f"{total} rows requested; the limit is {settings.synthetic_max_rows} (TDM_SYNTHETIC_MAX_ROWS).",
            field="row_counts",
        )


def check_urls(body: SyntheticRequest, settings: SyntheticSettings) -> None:
    """http(s) only, and no private, loopback or link-local host unless the operator allows it."""
    checks = [("ui_urls", url) for url in body.ui_urls]
    if body.api_spec_url:
        checks.append(("api_spec_url", body.api_spec_url))
    for field, url in checks:
        try:
            check_url(url, settings)
        except CrawlError as exc:
            raise Invalid(str(exc), field=field) from None


def static_schema(
    session: Session, body: SyntheticRequest, settings: SyntheticSettings
) -> NormalizedSchema | None:
    """The merged schema of every source the API can read without fetching (None when there is none)."""
    parts: list[NormalizedSchema] = []
    if body.schema_version_id is not None:
        # The agent reads a schema version the same way for a preview and for a job.
        snapshot = schema_snapshot(session, body.schema_version_id)
        parts.append(from_snapshot(snapshot, reference=str(body.schema_version_id)))
    pack = domain_pack(body.domain_pack)
    if pack is not None:
        parts.append(pack.schema_)
    if body.api_spec is not None:
        try:
            parts.append(parse_openapi(spec_bytes(body.api_spec), settings))
        except SpecError as exc:
            raise Invalid(str(exc), field="api_spec") from None
    if body.test_case_files:
        try:
            parts += parse_test_cases(body.test_case_files)
        except TestCaseParseError as exc:
            raise Invalid(str(exc), field="test_case_files") from None
    return merge_schemas(parts) if parts else None


def check_planned_rows(
    schema: NormalizedSchema, body: SyntheticRequest, settings: SyntheticSettings
) -> dict[str, int]:
    """The agent's row planning: entity names known, totals (after the scenario) under the cap.

    Returns the requested counts keyed by the schema's own entity names (`Pet` -> `pet`)."""
    try:
        plan_rows(
            schema,
            body.row_counts,
            scenario(domain_pack(body.domain_pack), body.scenario_template),
            settings.synthetic_max_rows,
            settings.synthetic_default_rows,
        )
        return canonical_row_counts(schema, body.row_counts)
    except SyntheticRequestError as exc:
        raise Invalid(str(exc), field="row_counts") from None


def operation_for(body: SyntheticRequest) -> Operation:
    """UI- or API-based generation when those sources are given (so job lists tell them apart)."""
    if body.ui_urls:
        return Operation.UI_BASED_SYNTHETIC_GENERATION
    if body.api_spec_url or body.api_spec is not None:
        return Operation.API_BASED_SYNTHETIC_GENERATION
    return Operation.TDM_SYNTHETIC_RUN


def validated_job_request(
    session: Session, store: DatasetStore, body: SyntheticRequest, settings: SyntheticSettings
) -> dict[str, Any]:
    """The job's request after every check a job would otherwise fail on."""
    check_engine(body)
    if body.training_dataset_version_id is not None:
        training = training_dataset(session, store, body.training_dataset_version_id)
        if not any(getattr(body, f) for f in SOURCE_FIELDS) and training.schema_version_id is not None:
            # Learning from a subset or masked version: by default, generate its own schema.
            body = body.model_copy(update={"schema_version_id": training.schema_version_id})
    if not any(getattr(body, f) for f in SOURCE_FIELDS):
        raise Invalid(
            "Give at least one source: domain_pack, schema_version_id, ui_urls, api_spec_url, "
            "api_spec or test_case_files.",
            field="domain_pack",
        )
    scenario(domain_pack(body.domain_pack), body.scenario_template)
    check_locale(body.locale)
    check_row_counts(body.row_counts, settings)
    check_urls(body, settings)
    schema = static_schema(session, body, settings)
    # URL sources add entities only the job sees; until then the names cannot be checked.
    if schema is not None and not body.ui_urls and not body.api_spec_url:
        body = body.model_copy(update={"row_counts": check_planned_rows(schema, body, settings)})
    return body.model_dump(mode="json")
