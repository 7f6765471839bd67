"""The supergraph's state, and what each agent subgraph reads from it and writes back.

State carries ids, small metadata and summaries — never row data: every checkpoint serializes it
into PostgreSQL, so rows live in the dataset store and secrets (connection strings) are looked up
by id when a node needs them. A step's working records (`StepState`) live only inside its
subgraph; its `*Writes` schema is all that flows back into the job's state.
"""

from __future__ import annotations

import operator
from typing import Annotated, Any, TypedDict


def _merge(a: dict[str, Any] | None, b: dict[str, Any] | None) -> dict[str, Any]:
    return {**(a or {}), **(b or {})}


class TDMState(TypedDict, total=False):
    job_id: str
    operation: str
    request: dict[str, Any]
    # Routing: the steps this job runs, and those already done (appended by each step).
    steps: list[str]
    completed_steps: Annotated[list[str], operator.add]
    # Ids the request gives or the steps produce
    connection_id: str
    schema_id: str
    schema_version_id: str
    dataset_version_id: str
    subset_dataset_version_id: str
    masked_dataset_version_id: str
    synthetic_dataset_version_id: str
    target_env: str
    # The compact PII map (table, column, type, confidence) masking may suggest rules from
    pii_map: list[dict[str, Any]]
    provisioning_result: dict[str, Any]
    # A subset's provisioning run, loaded by the subset step itself (see `direct_delivery`)
    delivered_run: dict[str, Any]
    # Human in the loop: the answer that resumed a job paused after PII classification
    approval: dict[str, Any]
    # Each step's summary, merged per step name
    step_results: Annotated[dict[str, Any], _merge]
    current_node: str


class StepState(TDMState, total=False):
    """Inside an agent subgraph: the job's keys plus the step's working records, JSON only."""

    # A schema snapshot between discovery or subset nodes (emptied once stored)
    snapshot: dict[str, Any]
    # PII: findings, evidence, shapes — never values
    pii_run: dict[str, Any]
    # Subset: the validated request, then the extraction's summary and written files
    subset_spec: dict[str, Any]
    subset_result: dict[str, Any]
    # Subset: the provisioning run it loads in the same pass ({} when provisioning loads it later)
    delivery_run: dict[str, Any]
    # Mask: resolved rules; input id, tables and row counts, written files, key id, reports
    masking_rules: dict[str, Any]
    mask_run: dict[str, Any]
    # Synthetic: resolved parameters, per-source schemas (until merged), lineage inputs, reports
    merged_schema: dict[str, Any]
    synthetic_run: dict[str, Any]
    # Provision: input id, environment id, options, manifest row counts, result
    provision_run: dict[str, Any]


class StepReads(TypedDict, total=False):
    """What every step reads: its options (through `step_inputs`) and the summaries so far."""

    operation: str
    request: dict[str, Any]
    step_results: Annotated[dict[str, Any], _merge]


class StepWrites(TypedDict, total=False):
    step_results: Annotated[dict[str, Any], _merge]
    current_node: str


class DiscoveryReads(StepReads, total=False):
    connection_id: str


class DiscoveryWrites(StepWrites, total=False):
    schema_id: str
    schema_version_id: str


class PiiDetectionReads(StepReads, total=False):
    schema_version_id: str


class PiiDetectionWrites(StepWrites, total=False):
    schema_version_id: str
    pii_map: list[dict[str, Any]]


class SubsettingReads(StepReads, total=False):
    steps: list[str]
    connection_id: str
    schema_version_id: str


class SubsettingWrites(StepWrites, total=False):
    connection_id: str
    schema_version_id: str
    subset_dataset_version_id: str
    delivered_run: dict[str, Any]


class MaskingReads(StepReads, total=False):
    dataset_version_id: str
    subset_dataset_version_id: str
    pii_map: list[dict[str, Any]]


class MaskingWrites(StepWrites, total=False):
    masked_dataset_version_id: str


class SyntheticReads(StepReads, total=False):
    schema_version_id: str


class SyntheticWrites(StepWrites, total=False):
    synthetic_dataset_version_id: str


class ProvisioningReads(StepReads, total=False):
    target_env: str
    dataset_version_id: str
    subset_dataset_version_id: str
    masked_dataset_version_id: str
    synthetic_dataset_version_id: str
    delivered_run: dict[str, Any]


class ProvisioningWrites(StepWrites, total=False):
    target_env: str
    provisioning_result: dict[str, Any]
