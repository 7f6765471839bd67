"""Synthetic data subgraph: parse_synthetic_request → crawl_ui → extract_html_schema →
collect_api_schema → fetch_db_schema → merge_all_schemas → normalize_schema →
train_sdv_relational_model → reserve_synthetic_version → generate_multi_table_data →
validate_distribution → store_dataset.

Nodes are thin: they call `tdm_agents.synthetic`. A node whose source the request does not use
logs that and passes. Each source's schema travels in `synthetic_run` until the merge; the merged
schema travels as JSON in `merged_schema`. The nodes from reserve_synthetic_version on, which
write and publish the output version, live in `synthetic_output`.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from typing import Any

from langgraph.runtime import Runtime

from tdm_agents.synthetic import (
    NormalizedSchema,
    from_snapshot,
    load_domain_pack,
    merge_schemas,
    parse_openapi,
    parse_test_cases,
)
from tdm_agents.synthetic.engines.sdv_engine import hma_fits
from tdm_agents.synthetic.errors import SpecFetchError
from tdm_agents.synthetic.generate import make_engine, plan_rows, resolve_scenario

# Re-exported: the portal's quality shape and the key ranges of a DB schema moved into the agent.
from tdm_agents.synthetic.quality import quality_for_portal as quality_for_portal
from tdm_agents.synthetic.settings import SyntheticSettings
from tdm_agents.synthetic.settings import get_settings as synthetic_settings
from tdm_agents.synthetic.snapshot_convert import free_key_ranges as free_key_ranges
from tdm_agents.synthetic.sources import spec_fetch
from tdm_agents.synthetic.sources.spec_fetch import spec_bytes
from tdm_agents.synthetic.sources.url_guard import check_url, shown_url
from tdm_dataset_store.keys import validate_table_name
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository
from tdm_orchestrator.context import JobContext
from tdm_orchestrator.contract import Step
from tdm_orchestrator.errors import PermanentJobError
from tdm_orchestrator.graphs.linear import Subgraph, build_linear_graph
from tdm_orchestrator.graphs.node_support import skip_node, step_summary
from tdm_orchestrator.graphs.synthetic_output import (
    generate_multi_table_data,
    reserve_synthetic_version,
    store_dataset,
    validate_distribution,
)
from tdm_orchestrator.services import Services
from tdm_orchestrator.state import StepState, SyntheticReads, SyntheticWrites
from tdm_orchestrator.step_inputs import SyntheticInput, is_composite, step_input

STEP = str(Step.SYNTHETIC)
# Lineage ids are bounded columns; longer URLs are recorded by their hash (the URL goes in details).
_MAX_LINEAGE_ID = 255


def _options(state: StepState) -> SyntheticInput:
    """The step's input. In a composite job the step generates for the pipeline's schema version only
    when it names no source of its own (a full pipeline's top-up shaped like the source)."""
    options = step_input(state, SyntheticInput)
    if options.sources or not is_composite(str(state.get("operation") or "")):
        return options
    fallback = state.get("schema_version_id")
    return options.model_copy(update={"schema_version_id": uuid.UUID(fallback)}) if fallback else options


def _input(kind: str, ref: str, **details: Any) -> dict[str, Any]:
    """A lineage input: what the dataset was generated from."""
    if len(ref) > _MAX_LINEAGE_ID:
        details.setdefault("reference", ref)
        ref = "sha256:" + hashlib.sha256(ref.encode()).hexdigest()
    return {"source_type": kind, "source_id": ref, "details": details}


def parse_synthetic_request(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Resolve the parameters and re-check what the API checks (workflow jobs skip the API's checks)."""
    options, settings = _options(state), synthetic_settings()
    if not options.sources:
        raise PermanentJobError(
            "The synthetic request names no source: give a domain pack, a schema version, "
            "UI URLs, an API spec or test-case files."
        )
    make_engine(options.engine)  # unknown engine, or sdv not installed: the agent's message says what to do
    if options.domain_pack:
        load_domain_pack(options.domain_pack)
    for url in options.ui_urls + ([options.api_spec_url] if options.api_spec_url else []):
        check_url(url, settings)
    seed = options.seed
    training = options.training_dataset_version_id
    run = {
        "engine": options.engine,
        # Fixed here, so a retried generation writes the same rows it wrote before.
        "seed": seed if seed is not None else secrets.randbelow(2**31),
        "locale": options.locale or "en_US",
        "scenario": options.scenario_template or "default",
        "row_counts": dict(options.row_counts),
        "domain_pack": options.domain_pack,
        "schema_version_id": str(options.schema_version_id) if options.schema_version_id else None,
        "training_dataset_version_id": str(training) if training else None,
        "ui_urls": list(options.ui_urls),
        "name": options.name,
        "sources": {},
        "inputs": [],
    }
    runtime.context.hooks.log(
        f"Synthetic data from {', '.join(options.sources)} with the {options.engine} engine",
        stage="parse_synthetic_request",
    )
    return {"synthetic_run": run, "current_node": "parse_synthetic_request"}


def crawl_ui(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Crawl the UI URLs with headless Chromium; the captured forms and tables go to the next node."""
    run = state["synthetic_run"]
    if not run["ui_urls"]:
        return skip_node(runtime, "crawl_ui", "no UI URLs in the request")
    from tdm_agents.synthetic.sources.browser import CHROMIUM_PATH, chromium_available

    if not chromium_available():
        raise PermanentJobError(
            f"UI crawling needs Chromium at {CHROMIUM_PATH}; it is not installed on this worker."
        )
    # Imported here: the browser driver loads only for jobs that crawl.
    from tdm_agents.synthetic.sources.ui_crawl import crawl

    result = crawl(run["ui_urls"], synthetic_settings(), runtime.context.hooks)
    runtime.context.hooks.log(
        f"Crawled {len(result.pages)} page(s); skipped {len(result.skipped)}", stage="crawl_ui"
    )
    inputs = [_input("url", shown_url(u), role="ui") for u in run["ui_urls"]]
    crawled = {
        **run,
        "crawl": result.model_dump(mode="json"),
        "inputs": run["inputs"] + inputs,
        "crawled_pages": [shown_url(p.url) for p in result.pages],
    }
    return {"synthetic_run": crawled, "current_node": "crawl_ui"}


def extract_html_schema(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Forms, data tables and key elements of the crawled pages become entities."""
    run = state["synthetic_run"]
    if not run.get("crawl"):
        return skip_node(runtime, "extract_html_schema", "no crawled pages")
    from tdm_agents.synthetic.sources.crawl_models import CrawlResult
    from tdm_agents.synthetic.sources.html_schema import extract_html_schema as extract

    schema = extract(CrawlResult.model_validate(run["crawl"]))
    runtime.context.hooks.log(f"UI schema: {len(schema.entities)} entit(ies)", stage="extract_html_schema")
    sources = {**run["sources"], "ui": schema.model_dump(mode="json")}
    return {
        "synthetic_run": {**run, "crawl": None, "sources": sources},
        "current_node": "extract_html_schema",
    }


def fetch_spec(url: str, settings: SyntheticSettings) -> bytes:
    """The agent's guarded spec fetch; a failure other than a refused URL fails the job as it reads."""
    try:
        return spec_fetch.fetch_spec(url, settings)
    except SpecFetchError as exc:
        raise PermanentJobError(str(exc)) from None


def collect_api_schema(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """The OpenAPI/Swagger spec, inline or fetched, becomes entities and relationships."""
    run, options = state["synthetic_run"], _options(state)
    inline, url = options.api_spec, options.api_spec_url
    if inline is None and not url:
        return skip_node(runtime, "collect_api_schema", "no API spec in the request")
    settings = synthetic_settings()
    document = spec_bytes(inline) if inline is not None else fetch_spec(str(url), settings)
    schema = parse_openapi(document, settings)
    digest = "sha256:" + hashlib.sha256(document).hexdigest()
    runtime.context.hooks.log(
        f"API schema: {len(schema.entities)} entit(ies), {len(schema.relationships)} "
        f"relationship(s) from spec {digest[:19]}",
        stage="collect_api_schema",
    )
    spec_input = _input("api_spec", digest, url=shown_url(str(url)) if url else None, bytes=len(document))
    updated = {
        **run,
        "sources": {**run["sources"], "api": schema.model_dump(mode="json")},
        "inputs": run["inputs"] + [spec_input],
        "spec_sha256": digest,
    }
    return {"synthetic_run": updated, "current_node": "collect_api_schema"}


def fetch_db_schema(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """A discovered schema version (tables, keys, checks, statistics) becomes entities."""
    run = state["synthetic_run"]
    if not run["schema_version_id"]:
        return skip_node(runtime, "fetch_db_schema", "no schema version in the request")
    version_id = uuid.UUID(run["schema_version_id"])
    with runtime.context.services.unit_of_work() as session:
        repo = SchemaRepository(session)
        if repo.get_version(version_id) is None:
            raise PermanentJobError("The schema version of the synthetic request does not exist.")
        snapshot = repo.load_snapshot(version_id)
    schema = from_snapshot(snapshot, reference=str(version_id))
    runtime.context.hooks.log(
        f"DB schema: {len(schema.entities)} table(s), {len(schema.relationships)} foreign key(s)",
        stage="fetch_db_schema",
    )
    updated = {
        **run,
        "sources": {**run["sources"], "db": schema.model_dump(mode="json")},
        "inputs": run["inputs"] + [_input("schema_version", str(version_id))],
    }
    return {"synthetic_run": updated, "current_node": "fetch_db_schema"}


def merge_all_schemas(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Every source's schema (and the domain pack and test-case files) merged: DB > API > pack > UI > tests."""
    run, options = state["synthetic_run"], _options(state)
    parts = [NormalizedSchema.model_validate(s) for s in run["sources"].values()]
    inputs = list(run["inputs"])
    if run["domain_pack"]:
        parts.append(load_domain_pack(run["domain_pack"]).schema_)
        inputs.append(_input("domain_pack", run["domain_pack"]))
    files = dict(options.test_case_files)
    if files:
        parts += parse_test_cases(files)
        inputs += [
            _input("test_case_file", "sha256:" + hashlib.sha256(text.encode()).hexdigest(), filename=name)
            for name, text in sorted(files.items())
        ]
    merged = merge_schemas(parts)
    runtime.context.hooks.log(
        f"Merged {len(parts)} source schema(s): {len(merged.entities)} entities, "
        f"{len(merged.relationships)} relationships, {len(merged.conflicts)} conflict(s)",
        stage="merge_all_schemas",
    )
    return {
        "merged_schema": merged.model_dump(mode="json"),
        "synthetic_run": {**run, "inputs": inputs, "sources": {}},
        "current_node": "merge_all_schemas",
    }


def normalize_schema(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Check the merged schema can be generated: entities exist, names fit the store, rows fit the cap."""
    run, settings = state["synthetic_run"], synthetic_settings()
    schema = NormalizedSchema.model_validate(state["merged_schema"])
    bad = [e.name for e in schema.entities if not _valid_table_name(e.name)]
    if bad:
        raise PermanentJobError(f"Entity names unusable as table names: {', '.join(sorted(bad)[:10])}.")
    scenario = resolve_scenario(schema, run["scenario"])
    planned = plan_rows(
        schema, run["row_counts"], scenario, settings.synthetic_max_rows, settings.synthetic_default_rows
    )
    runtime.context.hooks.log(
        f"Planned {sum(planned.values())} rows over {len(planned)} table(s) (scenario {scenario.name})",
        stage="normalize_schema",
    )
    # The schema version describes the output only when every table came from it.
    db_only = bool(schema.entities) and all(e.source == "db" for e in schema.entities)
    updated = {**run, "planned_row_counts": planned, "db_only": db_only}
    return {
        "synthetic_run": updated,
        "step_results": step_summary(
            state, STEP, planned_row_counts=planned, conflicts=len(schema.conflicts)
        ),
        "current_node": "normalize_schema",
    }


def _valid_table_name(name: str) -> bool:
    try:
        validate_table_name(name)
    except ValueError:
        return False
    return True


def _training_tables(services: Services, version_id: str) -> dict[str, int]:
    """Rows per table of a ready, complete training version."""
    with services.unit_of_work() as session:
        row = DatasetRepository(session).get(uuid.UUID(version_id))
        status = row.status if row else None
    if status != "ready":
        raise PermanentJobError(
            f"The training dataset version {version_id} is {status or 'missing'}, not ready."
        )
    manifest = services.dataset_store.read_manifest(version_id)
    if manifest is None:
        raise PermanentJobError(f"The training dataset version {version_id} is incomplete (no manifest).")
    return {name: info.rows for name, info in manifest.tables.items()}


def train_sdv_relational_model(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Check the training data covers every table and choose the learned mode.

    The model itself is fitted in `generate_multi_table_data`, right before sampling: a fitted
    model is not something the checkpointed state can carry.
    """
    run = state["synthetic_run"]
    training = run["training_dataset_version_id"]
    if not training:
        if run["engine"] == "sdv":
            raise PermanentJobError(
                "The sdv engine needs a training_dataset_version_id (ideally a masked version)."
            )
        return skip_node(runtime, "train_sdv_relational_model", "the rules engine needs no training data")
    schema = NormalizedSchema.model_validate(state["merged_schema"])
    tables = _training_tables(runtime.context.services, training)
    missing = sorted(e.name for e in schema.entities if e.name not in tables)
    if missing:
        raise PermanentJobError(f"The training dataset version has no table for: {', '.join(missing[:10])}.")
    mode = None
    if run["engine"] == "sdv":
        mode = "hma" if hma_fits(schema) else "composed"
    runtime.context.hooks.log(
        f"Training data: {sum(tables[e.name] for e in schema.entities)} rows over {len(schema.entities)} table(s)"
        + (f"; learned mode {mode}" if mode else "; used for the quality report"),
        stage="train_sdv_relational_model",
    )
    inputs = run["inputs"] + [_input("dataset_version", training, role="training")]
    return {
        "synthetic_run": {**run, "training_mode": mode, "inputs": inputs},
        "current_node": "train_sdv_relational_model",
    }


NODES = (parse_synthetic_request, crawl_ui, extract_html_schema, collect_api_schema, fetch_db_schema,
         merge_all_schemas, normalize_schema, train_sdv_relational_model, reserve_synthetic_version,
         generate_multi_table_data, validate_distribution, store_dataset)  # fmt: skip


def build_synthetic_graph() -> Subgraph:
    """The compiled synthetic subgraph (a node of the supergraph)."""
    return build_linear_graph(NODES, reads=SyntheticReads, writes=SyntheticWrites)
