"""Synthetic data: generation jobs (JSON or multipart uploads), the synchronous preview, domain packs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile, status
from pydantic import ValidationError

from tdm_agents.synthetic import list_domain_packs
from tdm_agents.synthetic.settings import get_settings as synthetic_settings
from tdm_api.dependencies import Operator, RuntimeDep, UowDep, Viewer
from tdm_api.errors import Invalid
from tdm_api.models.common import PROBLEM_RESPONSES, JobAccepted
from tdm_api.models.synthetic import (
    DomainPackOut,
    SyntheticPreview,
    SyntheticPreviewRequest,
    SyntheticRequest,
)
from tdm_api.services.orchestrator_client import submit_job
from tdm_api.services.synthetic_preview import synthetic_preview
from tdm_api.services.synthetic_request import operation_for, validated_job_request

router = APIRouter(tags=["synthetic"], responses=PROBLEM_RESPONSES)


def _start(body: SyntheticRequest, uow: UowDep, runtime: RuntimeDep, principal: Operator) -> JobAccepted:
    request = validated_job_request(uow.session, runtime.dataset_store, body, synthetic_settings())
    return submit_job(uow, runtime, principal, operation_for(body), request)


@router.post(
    "/synthetic",
    operation_id="generateSynthetic",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Start a synthetic data job: sources -> a new dataset version",
)
def generate_synthetic(
    body: SyntheticRequest, uow: UowDep, runtime: RuntimeDep, principal: Operator
) -> JobAccepted:
    """Every check that needs no fetching happens here, so a bad request never queues a job."""
    return _start(body, uow, runtime, principal)


def _text(upload: UploadFile, field: str) -> str:
    try:
        return upload.file.read().decode("utf-8")
    except UnicodeDecodeError:
        raise Invalid(f"{(upload.filename or 'the file')[:100]} is not UTF-8 text.", field=field) from None


@router.post(
    "/synthetic/upload",
    operation_id="generateSyntheticFromUploads",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Start a synthetic data job with the spec and test-case files uploaded as multipart parts",
)
def generate_synthetic_from_uploads(
    uow: UowDep,
    runtime: RuntimeDep,
    principal: Operator,
    request: Annotated[str, Form(description="The rest of the request, as the JSON body of POST /synthetic")],
    api_spec: Annotated[UploadFile | None, File(description="An OpenAPI 3.x / Swagger 2 file")] = None,
    test_case_files: Annotated[
        list[UploadFile] | None, File(description="Cucumber .feature, Playwright or Selenium files")
    ] = None,
) -> JobAccepted:
    """The whole upload is capped by TDM_API_MAX_UPLOAD_BYTES; the spec also by TDM_SPEC_MAX_BYTES."""
    try:
        body = SyntheticRequest.model_validate_json(request)
    except ValidationError as exc:
        errors = [
            {"field": "request." + ".".join(map(str, e["loc"])), "message": e["msg"]}
            for e in exc.errors(include_input=False)
        ]
        raise Invalid(
            f"{errors[0]['field']}: {errors[0]['message']}", field="request", errors=errors
        ) from None
    updates: dict[str, object] = {}
    if api_spec is not None:
        if body.api_spec is not None or body.api_spec_url:
            raise Invalid("Give the API spec once: as a file, inline or as a URL.", field="api_spec")
        updates["api_spec"] = _text(api_spec, "api_spec")
    if test_case_files:
        files = {
            f.filename or f"file_{i + 1}": _text(f, "test_case_files") for i, f in enumerate(test_case_files)
        }
        updates["test_case_files"] = {**body.test_case_files, **files}
    merged = SyntheticRequest.model_validate({**body.model_dump(), **updates})
    return _start(merged, uow, runtime, principal)


@router.post(
    "/synthetic/preview",
    operation_id="previewSynthetic",
    summary="A few generated rows per table, now (rules engine; nothing is stored)",
)
def preview_synthetic(body: SyntheticPreviewRequest, uow: UowDep, _: Operator) -> SyntheticPreview:
    """At most 20 rows per table, within a time limit; URL sources need a job."""
    return synthetic_preview(uow.session, body, synthetic_settings())


@router.get(
    "/synthetic/domain-packs",
    operation_id="listDomainPacks",
    summary="The bundled domain packs: entities and scenario templates",
)
def domain_packs(_: Viewer) -> list[DomainPackOut]:
    """ecommerce, banking, telecom, healthcare, insurance, ..."""
    return [DomainPackOut.model_validate(p) for p in list_domain_packs()]
