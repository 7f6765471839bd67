"""A workflow's subset delivered straight into its environment, in the same pass as its extraction.

When the plan runs provisioning right after subsetting, on the subset itself, the subset step
fixes the provisioning run up front (environment, options, drift gate, unmasked override: the
checks the provisioning step makes) and tees every extracted batch into the target's COPY as well
as into the dataset version (`tdm_agents.provisioning.direct`). The source is read once and the
Parquet files are never read back for the load. The version is verified (0 orphans) and its
manifest written while the target builds its keys; the target commits only after both. The
provisioning step then finds the run with its result and records it (lineage, expiry).

Only a run that resets the target takes this path: a retried extraction loads again, which a
reset makes idempotent and an append would not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pyarrow as pa

from tdm_agents.provisioning import target
from tdm_agents.provisioning.direct import TableSink, deliver
from tdm_agents.subsetting import ResolvedRequest, SubsetResult, extract_subset
from tdm_metadata_store.snapshot import SchemaSnapshot
from tdm_orchestrator.context import JobContext
from tdm_orchestrator.contract import Step
from tdm_orchestrator.provision_runs import (
    environment_run,
    loading_into,
    provision_options,
    refuse_metadata_database,
    target_url,
)
from tdm_orchestrator.step_inputs import ProvisionInput, is_composite, read_step_input

STAGE = "plan_delivery"


def planned_run(
    context: JobContext,
    operation: str,
    request: dict[str, Any],
    steps: list[str],
    *,
    version_id: str,
    schema_version_id: str,
) -> dict[str, Any] | None:
    """The provisioning run of the subset `version_id` when the plan provisions it next and the run
    resets the target; None otherwise. Fails the job as the provisioning step would (no environment,
    a closed drift gate, unmasked data without its override, an unreachable target)."""
    if not is_composite(operation) or not _provisioned_next(steps):
        return None
    options = read_step_input(operation, request, ProvisionInput)
    if options.dataset_version_id is not None:
        return None  # provisioning loads a version of its own choosing
    run = environment_run(
        context,
        options,
        str(options.target_env or ""),
        dataset_version_id=version_id,
        operation=operation,
        source_type="subset",
        schema_version_id=schema_version_id,
        stage=STAGE,
    )
    if run["mode"] == "append":
        context.hooks.log(
            "The subset is appended to the environment: it is loaded by the provisioning step, after "
            "the extraction", stage=STAGE,
        )  # fmt: skip
        return None
    url = target_url(context.services, run)
    refuse_metadata_database(context.services, run, url)
    info = target.probe(url)
    context.hooks.log(
        f"The subset goes straight into {run['environment']} (database {info['database']}, "
        f"PostgreSQL {info['server_version']}, {run['mode']}) while it is extracted",
        stage=STAGE,
    )
    return run


def _provisioned_next(steps: list[str]) -> bool:
    return (str(Step.SUBSET), str(Step.PROVISION)) in zip(steps, steps[1:], strict=False)


def extract_and_deliver(
    context: JobContext,
    run: dict[str, Any],
    source_url: str,
    snapshot: SchemaSnapshot,
    resolved: ResolvedRequest,
    sink: TableSink,
    read_stored: Callable[[str], Iterable[pa.RecordBatch]],
    verify: Callable[[], None],
) -> tuple[SubsetResult, dict[str, Any]]:
    """Extract into `sink` and into the run's target in one target transaction, under the
    environment's lock; `verify` (the version's check and manifest) runs while the target builds its
    keys, and the target commits only if it passes. Returns the extraction's and the load's results."""
    with loading_into(context, run):
        url = target_url(context.services, run)
        tables = resolved.output_tables()
        with deliver(url, snapshot, tables, provision_options(run), context.hooks) as delivery:
            result = extract_subset(
                source_url, snapshot, resolved, delivery.tee(sink, read_stored), context.hooks
            )
            loaded = delivery.complete_while(verify, result.row_counts, read_stored)
            delivery.commit()
    return result, loaded
