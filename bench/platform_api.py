"""The platform's subset + provision as a user submits it: one workflow job through a running API.

Against a platform started by `tdm up` (its API URL and an operator's or admin's key): the source
is registered and discovered once, outside the timing (a schema is discovered once and subset
many times); each timed run submits a workflow running `subsetting` then `provisioning` into an
environment that points at a freshly created database, and waits for the job to end. The time is
the wall clock from the request to the job's end as the API reports it, so it includes the queue,
the worker's graph, the metadata writes and the job's own verification.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from bench.platform_subset import PlatformRun

CONNECTION = "bench-tpch-source"
ENVIRONMENT = "bench-tpch-target"
POLL_S = 0.1


@dataclass
class ApiPlatform:
    api_url: str
    api_key: str
    schema_version_id: str = ""

    def _client(self) -> httpx.Client:
        return httpx.Client(
            base_url=f"{self.api_url.rstrip('/')}/api/v1", headers={"X-API-Key": self.api_key}
        )

    def prepare(self, source_url: str, target_url: str) -> None:
        """Register the source and the target environment (replacing earlier ones), discover the source."""
        with self._client() as api:
            for path, name in (("connections", CONNECTION), ("environments", ENVIRONMENT)):
                for row in _ok(api.get(f"/{path}")):
                    if row["name"] == name:
                        _ok(api.delete(f"/{path}/{row['id']}"))
            connection = _ok(
                api.post("/connections", json={"name": CONNECTION, "connection_string": source_url})
            )
            _ok(api.post("/environments", json={"name": ENVIRONMENT, "connection_string": target_url,
                                                "config": {"reset_mode": "truncate"}}))  # fmt: skip
            job = _wait(
                api, _ok(api.post("/discover-schema", json={"connection_id": connection["id"]}))["job_id"]
            )
            self.schema_version_id = job["result"]["schema_version_id"]

    def subset_and_provision(self, pct: float, seed: int, run: PlatformRun) -> dict:
        """One workflow job: `pct`% of customers and their closure into the environment; its result."""
        request = {
            "template": "db_migration",
            "overrides": {
                "schema_version_id": self.schema_version_id,
                "target_env": ENVIRONMENT,
                "steps": ["subsetting", "provisioning"],
                "subset": {"root_table": "customer", "sampling_pct": pct, "seed": seed},
                "provision": {"mode": "truncate", "run_smoke_tests": True, "allow_unmasked": True,
                              "override_reason": "benchmark on generated TPC-H data"},
            },
        }  # fmt: skip
        with self._client() as api:
            started = time.perf_counter()
            job = _wait(api, _ok(api.post("/workflow/execute", json=request))["job_id"])
            run.seconds["workflow job"] = time.perf_counter() - started
        run.rows = job["result"]["step_results"]["provisioning"]["row_counts"]
        return job


def _ok(response: httpx.Response):
    if response.status_code >= 400:
        raise SystemExit(
            f"{response.request.method} {response.request.url.path}: {response.status_code} {response.text}"
        )
    return response.json() if response.content else None


def _wait(api: httpx.Client, job_id: str, timeout_s: float = 3600) -> dict:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        job = _ok(api.get(f"/job/{job_id}"))
        if job["status"] in ("succeeded", "failed", "cancelled"):
            if job["status"] != "succeeded":
                raise SystemExit(f"job {job_id} {job['status']}: {job.get('error')}")
            return job
        time.sleep(POLL_S)
    raise SystemExit(f"job {job_id} did not end within {timeout_s:.0f} s")
