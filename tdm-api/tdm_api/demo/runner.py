"""The demo's guided run: every stage through the REST API, with live progress and a summary.

discover → PII → subset (10% of customers) → mask (suggested rules) → provision into QA →
synthetic top-up from the ecommerce domain pack (provisioned into QA's `synthetic` schema).
Re-runnable: the connection and environment are reused, each run makes new versions.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from tdm_api.cli.client.calls import Endpoint
from tdm_api.cli.client.follow import StageProgress, follow_job
from tdm_api.cli.client.generated.api.connections import create_connection, list_connections
from tdm_api.cli.client.generated.api.environments import create_environment, list_environments
from tdm_api.cli.client.generated.api.jobs import get_job
from tdm_api.cli.client.generated.api.masking import mask_dataset
from tdm_api.cli.client.generated.api.pii import classify_pii
from tdm_api.cli.client.generated.api.provisioning import provision_dataset
from tdm_api.cli.client.generated.api.schemas import discover_schema
from tdm_api.cli.client.generated.api.subset import create_subset
from tdm_api.cli.client.generated.api.synthetic import generate_synthetic
from tdm_api.cli.client.generated.models import (
    ClassifyRequest,
    ConnectionCreate,
    DiscoverRequest,
    EnvironmentCreate,
    MaskRequest,
    ProvisionRequest,
    SubsetJobRequest,
    SyntheticRequest,
)
from tdm_api.cli.client.http import ApiClient, ClientError
from tdm_api.cli.client.request_files import to_model

SOURCE_CONNECTION = "demo-shop"
TARGET_ENVIRONMENT = "QA"


class DemoFailed(Exception):
    """A stage did not succeed; the message says which and why."""


@dataclass
class StageResult:
    name: str
    seconds: float
    job_id: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class DemoRun:
    client: ApiClient
    show_progress: bool = True
    stages: list[StageResult] = field(default_factory=list)

    def ensure_connection(self, source_url: str) -> str:
        for conn in self.client.call(list_connections.sync_detailed).data:
            if conn["name"] == SOURCE_CONNECTION:
                return conn["id"]
        body = to_model(ConnectionCreate, {"name": SOURCE_CONNECTION, "connection_string": source_url})
        return self.client.call(create_connection.sync_detailed, body=body).data["id"]

    def ensure_environment(self, target_url: str) -> None:
        names = {env["name"] for env in self.client.call(list_environments.sync_detailed).data}
        if TARGET_ENVIRONMENT not in names:
            body = to_model(
                EnvironmentCreate,
                {
                    "name": TARGET_ENVIRONMENT,
                    "description": "QA environment of the demo",
                    "connection_string": target_url,
                    "config": {
                        "reset_mode": "drop_create",
                        "smoke_queries": [
                            {
                                "name": "some customers",
                                "sql": "SELECT 1 FROM customers LIMIT 1",
                                "expect": "non_empty",
                            }
                        ],
                    },
                },
            )
            self.client.call(create_environment.sync_detailed, body=body)

    def run_job(self, stage: str, endpoint: Endpoint, body: object) -> dict[str, Any]:
        """Submit a job, follow its events live, and return the finished job (raise unless succeeded)."""
        started = time.monotonic()
        job_id = self.client.call(endpoint, body=body).data["job_id"]
        with StageProgress(enabled=self.show_progress) as progress:
            follow_job(self.client, job_id, progress)
            job = self.client.call(get_job.sync_detailed, uuid.UUID(job_id), logs_limit=1).data
            if job["status"] == "succeeded":
                progress.finish()
        if job["status"] != "succeeded":
            raise DemoFailed(f"{stage} {job['status']}: {job.get('error') or 'see tdm jobs logs ' + job_id}")
        self.stages.append(StageResult(stage, time.monotonic() - started, job_id))
        return job

    def discover(self, connection_id: str) -> str:
        job = self.run_job(
            "discover",
            discover_schema.sync_detailed,
            to_model(DiscoverRequest, {"connection_id": connection_id, "sample_size": 5000}),
        )
        summary = job["result"]["step_results"]["discover_schema"]
        self.stages[-1].details = {
            "tables": summary["tables"],
            "columns": summary["columns"],
            "foreign keys": summary["relationships"],
            "version": summary["version_number"],
        }
        return job["result"]["schema_version_id"]

    def classify(self, version_id: str) -> None:
        job = self.run_job(
            "pii", classify_pii.sync_detailed, to_model(ClassifyRequest, {"schema_version_id": version_id})
        )
        summary = job["result"]["step_results"].get("pii_classification", {})
        by_type = summary.get("by_type") or {}
        self.stages[-1].details = {
            "PII columns": summary.get("columns_flagged"),
            "types": ", ".join(f"{k} {v}" for k, v in sorted(by_type.items())),
        }

    def subset(self, version_id: str) -> str:
        job = self.run_job(
            "subset",
            create_subset.sync_detailed,
            to_model(
                SubsetJobRequest,
                {"schema_version_id": version_id, "root_table": "customers", "sampling_pct": 10, "seed": 42},
            ),
        )
        summary = job["result"]["step_results"]["subsetting"]
        rows = summary.get("row_counts") or {}
        self.stages[-1].details = {
            "rows": sum(rows.values()),
            "tables": len(rows),
            "orphans": summary.get("orphans"),
        }
        return job["result"]["subset_dataset_version_id"]

    def mask(self, dataset_id: str) -> str:
        job = self.run_job(
            "mask",
            mask_dataset.sync_detailed,
            to_model(
                MaskRequest,
                {"dataset_version_id": dataset_id, "use_suggested_rules": True, "name": "demo masked subset"},
            ),
        )
        summary = job["result"]["step_results"]["masking"]
        leak = summary.get("leak_check") or {}
        integrity = summary.get("integrity") or {}
        self.stages[-1].details = {
            "columns masked": summary.get("columns_masked"),
            "rows": summary.get("rows"),
            "key id": summary.get("key_id"),
            "leak check": "passed" if leak.get("ok") else "LEAKS FOUND",
            "integrity": "0 orphans" if integrity.get("ok") else "BROKEN",
        }
        return job["result"]["masked_dataset_version_id"]

    def provision(self, dataset_id: str, stage: str = "provision", **options: Any) -> dict[str, Any]:
        body = {
            "dataset_version_id": dataset_id,
            "target_env": TARGET_ENVIRONMENT,
            "reset_env": True,
            "run_smoke_tests": True,
            "mode": "drop_create",
            **options,
        }
        job = self.run_job(stage, provision_dataset.sync_detailed, to_model(ProvisionRequest, body))
        result = job["result"]
        smoke = result.get("smoke_test_results") or {}
        self.stages[-1].details = {
            "rows": sum((result.get("row_counts") or {}).values()),
            "tables": len(result.get("tables_loaded") or []),
            "smoke tests": "passed" if smoke.get("passed") else "FAILED",
        }
        return result

    def synthetic_top_up(self) -> str | None:
        try:
            job = self.run_job(
                "synthetic",
                generate_synthetic.sync_detailed,
                to_model(
                    SyntheticRequest,
                    {"domain_pack": "ecommerce", "seed": 42, "row_counts": {"customer": 2000}},
                ),
            )
        except ClientError as exc:
            if str(exc).startswith(("404", "405")):
                return None
            raise
        summary = job["result"]["step_results"].get("synthetic") or {}
        rows = summary.get("row_counts") or {}
        self.stages[-1].details = {"rows": sum(rows.values()), "tables": len(rows)}
        return job["result"]["synthetic_dataset_version_id"]
