"""The synchronous preview: a few rows per table from the sources the API can read without fetching.

Generation runs in a worker thread with a time limit, with small value pools so that a preview
costs little; nothing is stored. UI and spec URLs are refused here: only jobs fetch URLs.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from fastapi.encoders import jsonable_encoder
from sqlalchemy.orm import Session

from tdm_agents.synthetic import SyntheticRequestError, preview
from tdm_agents.synthetic.settings import SyntheticSettings
from tdm_api.errors import Invalid, Unavailable
from tdm_api.models.synthetic import PreviewTable, SyntheticPreview, SyntheticPreviewRequest
from tdm_api.services.synthetic_request import (
    check_locale,
    domain_pack,
    scenario,
    static_schema,
)

PREVIEW_TIMEOUT_S = 20.0
# Faker values drawn once per semantic type: a preview needs only a handful.
PREVIEW_POOL_SIZE = 200


def _settings(base: SyntheticSettings) -> SyntheticSettings:
    return base.model_copy(update={"synthetic_pool_size": PREVIEW_POOL_SIZE})


def synthetic_preview(
    session: Session, body: SyntheticPreviewRequest, settings: SyntheticSettings
) -> SyntheticPreview:
    """Rows per table, generated now by the rules engine; 422 for URL sources or a bad request."""
    if body.ui_urls or body.api_spec_url:
        field = "ui_urls" if body.ui_urls else "api_spec_url"
        raise Invalid(
            "A preview reads domain packs, schema versions, inline specs and test-case files; "
            "URLs are fetched only by a job (POST /synthetic).",
            field=field,
        )
    chosen = scenario(domain_pack(body.domain_pack), body.scenario_template)
    check_locale(body.locale)
    schema = static_schema(session, body, settings)
    if schema is None or not schema.entities:
        raise Invalid(
            "Give a source with entities: domain_pack, schema_version_id, api_spec or test_case_files.",
            field="domain_pack",
        )
    seed = body.seed if body.seed is not None else 0
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="synthetic-preview")
    future = executor.submit(
        preview,
        schema,
        rows=body.rows,
        seed=seed,
        locale=body.locale or "en_US",
        scenario=chosen,
        settings=_settings(settings),
    )
    try:
        tables = future.result(timeout=PREVIEW_TIMEOUT_S)
    except FutureTimeout:
        raise Unavailable(
            f"The preview took longer than {int(PREVIEW_TIMEOUT_S)} s; start a job instead."
        ) from None
    except SyntheticRequestError as exc:
        raise Invalid(str(exc)) from None
    finally:
        executor.shutdown(wait=False, cancel_futures=True)
    out = {
        name: PreviewTable(columns=list(rows[0]) if rows else [], rows=jsonable_encoder(rows))
        for name, rows in tables.items()
    }
    return SyntheticPreview(
        tables=out,
        seed=seed,
        scenario=chosen.name,
        conflicts=[c.model_dump(mode="json") for c in schema.conflicts],
    )
