"""Mask jobs, the rule builder's preview, and Admin-only detokenization."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from tdm_api.dependencies import Admin, Operator, RuntimeDep, UowDep, audit, secret_box
from tdm_api.errors import Invalid
from tdm_api.models.common import PROBLEM_RESPONSES, JobAccepted
from tdm_api.models.masking import (
    DetokenizedValue,
    DetokenizeRequest,
    DetokenizeResponse,
    MaskRequest,
    PreviewRequest,
    PreviewResponse,
)
from tdm_api.services.drift_gate import require_open_gate
from tdm_api.services.masking_inputs import (
    masking_keyring,
    ready_dataset,
    requested_rules,
    resolved_rules,
    rules_for_tables,
    schema_snapshot,
)
from tdm_api.services.masking_preview import masked_preview, rows_table, sample_rows, source_sample
from tdm_api.services.masking_vault import reveal_tokens
from tdm_api.services.orchestrator_client import submit_job
from tdm_orchestrator.contract import Operation

router = APIRouter(tags=["masking"], responses=PROBLEM_RESPONSES)


@router.post(
    "/mask",
    operation_id="maskDataset",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Start a masking job: a dataset version + rules -> a new, masked dataset version",
)
def mask_dataset(body: MaskRequest, uow: UowDep, runtime: RuntimeDep, principal: Operator) -> JobAccepted:
    """Every check the job would make on its input happens here first, so bad input never queues a job."""
    dataset = ready_dataset(uow.session, runtime.dataset_store, body.dataset_version_id)
    raw, rule_set = requested_rules(uow.session, body, dataset.schema_version_id)
    resolved = resolved_rules(raw, schema_snapshot(uow.session, dataset.schema_version_id))
    manifest = runtime.dataset_store.read_manifest(dataset.id)
    rules_for_tables(resolved, set(manifest.tables) if manifest else set())
    masking_keyring()
    if any(r.type == "mask.tokenize" for r in resolved):
        secret_box(runtime)  # the token vault needs the platform's encryption key
    # Rules were written for their rule set's schema version; inline rules for the dataset's.
    written_for = (rule_set.schema_version_id if rule_set else None) or dataset.schema_version_id
    require_open_gate(uow.session, written_for, "dataset_version_id")
    request: dict[str, Any] = {"dataset_version_id": str(dataset.id), "name": body.name}
    if body.unknown_columns is not None:
        request["unknown_columns"] = body.unknown_columns
    if rule_set is not None:
        # Pin the exact version that was validated, even if the name gets a newer one meanwhile.
        request.update(rule_set_id=str(rule_set.id), rule_set_version=rule_set.version)
    else:
        request["rules"] = raw if body.use_suggested_rules else body.rules
    return submit_job(uow, runtime, principal, Operation.TDM_MASK_ONLY, request)


@router.post(
    "/mask/preview",
    operation_id="previewMasking",
    summary="A few rows of a table before and after masking (nothing is stored)",
)
def preview_masking(body: PreviewRequest, uow: UowDep, runtime: RuntimeDep, _: Operator) -> PreviewResponse:
    """Sample rows come from the dataset store (at most 20), or from the request's `rows`."""
    store = runtime.dataset_store
    dataset = ready_dataset(uow.session, store, body.dataset_version_id) if body.dataset_version_id else None
    snapshot = schema_snapshot(uow.session, dataset.schema_version_id if dataset else body.schema_version_id)
    table = snapshot.table(body.table)
    if table is None:
        raise Invalid(f"Unknown table {body.table[:200]!r} in the schema version.", field="table")
    raw, _rule_set = requested_rules(
        uow.session, body, dataset.schema_version_id if dataset else body.schema_version_id
    )
    rules = [r for r in resolved_rules(raw, snapshot) if r.table == table.key]
    if dataset is None and body.rows:
        rows = rows_table(body.rows, None)
    elif dataset is None:
        rows = source_sample(uow.session, runtime, body.schema_version_id, table, body.limit)
    elif body.rows:
        rows = rows_table(body.rows, store.table_schema(dataset.id, table.key))
    else:
        rows = sample_rows(store, dataset.id, table.key, body.limit)
    keyring = masking_keyring()
    before, after = masked_preview(rows, rules, keyring, table.key)
    return PreviewResponse(
        table=table.key,
        key_id=keyring.active_key_id,
        columns=rows.column_names,
        rules=[r.model_dump(mode="json") for r in rules],
        before=before,
        after=after,
    )


@router.post(
    "/detokenize",
    operation_id="detokenize",
    summary="Original values of tokens made by mask.tokenize (Admin only; audited)",
)
def detokenize_tokens(
    body: DetokenizeRequest, uow: UowDep, runtime: RuntimeDep, principal: Admin
) -> DetokenizeResponse:
    """Reveals originals; the audit record keeps who asked, the key id and counts, never a value."""
    values = reveal_tokens(uow.session, secret_box(runtime), masking_keyring(), body.key_id, body.tokens)
    found = sum(1 for v in values if v is not None)
    audit(
        uow,
        principal,
        "masking.detokenize",
        "token_vault",
        body.key_id,
        {"key_id": body.key_id, "tokens": len(body.tokens), "found": found},
    )
    return DetokenizeResponse(
        key_id=body.key_id,
        found=found,
        values=[DetokenizedValue(token=t, value=v) for t, v in zip(body.tokens, values, strict=True)],
    )
