"""The supergraph's state: ids, small metadata and summaries — never row data.

Every checkpoint serializes the whole state into PostgreSQL, so rows live in the dataset store
and secrets (connection strings) are looked up by id when a node needs them.
"""

from __future__ import annotations

import operator
from typing import Annotated, Any, TypedDict


class TDMState(TypedDict, total=False):
    job_id: str
    operation: str
    request: dict[str, Any]
    # Routing: the steps this job runs, and those already done (appended by each step).
    steps: list[str]
    completed_steps: Annotated[list[str], operator.add]
    # Schema discovery
    connection_id: str
    connection_config: dict[str, Any]
    tables: list[dict[str, Any]]
    columns: list[dict[str, Any]]
    relationships: list[dict[str, Any]]
    stats: dict[str, Any]
    snapshot: dict[str, Any]
    schema_id: str
    schema_version_id: str
    # PII
    pii_map: list[dict[str, Any]]
    # The PII step's working record between its nodes: findings, evidence, shapes — never values.
    pii_run: dict[str, Any]
    # Subset
    subset_spec: dict[str, Any]
    subset_dataset_version_id: str
    subset_dataset_path: str
    # The extraction's summary and written files, between extraction and publication (then emptied)
    subset_result: dict[str, Any]
    # Mask
    masking_rules: dict[str, Any]
    masked_dataset_version_id: str
    masked_dataset_path: str
    # The mask step's working record: input id, tables and row counts, written files, key id, reports.
    mask_run: dict[str, Any]
    # Synthetic
    merged_schema: dict[str, Any]
    synthetic_dataset_version_id: str
    synthetic_dataset_path: str
    # The synthetic step's working record: resolved parameters, per-source schemas (until merged),
    # lineage inputs, written files and reports.
    synthetic_run: dict[str, Any]
    # Provision
    target_env: str
    provisioning_result: dict[str, Any]
    # The provision step's working record: input id, environment id, options, manifest row counts, result.
    provision_run: dict[str, Any]
    # Human in the loop: the answer that resumed a job paused after PII classification
    approval: dict[str, Any]
    # Common
    dataset_version_id: str
    step_results: Annotated[dict[str, Any], lambda a, b: {**(a or {}), **(b or {})}]
    errors: Annotated[list[str], operator.add]
    current_node: str
