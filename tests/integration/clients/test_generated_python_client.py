"""Proof that clients generated from docs/openapi.json work: openapi-python-client output drives a live API.

The client is generated offline into a temporary directory, imported, and used over real HTTP against
`create_app` served by uvicorn with a real worker: create a connection, discover its schema, start a
subset and wait for it.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

SPEC = Path(__file__).resolve().parents[3] / "docs" / "openapi.json"
PACKAGE = "tdm_generated_client"
TERMINAL = {"succeeded", "failed", "cancelled"}


@pytest.fixture
def generated_client(tmp_path: Path):
    """Generate the client package from the committed spec and import it; unloaded afterwards."""
    bin_dir = Path(sys.executable).parent
    generator = bin_dir / "openapi-python-client"
    assert generator.exists(), "openapi-python-client is a test dependency (pip install -e '.[test]')"
    # The generator formats its output with ruff; it finds it on PATH. Nothing is fetched from the network.
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(
        [
            str(generator),
            "generate",
            "--path",
            str(SPEC),
            "--meta",
            "none",
            "--output-path",
            str(tmp_path / PACKAGE),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Warning" not in done.stdout + done.stderr, done.stdout + done.stderr  # no endpoint was skipped
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def _api(name: str):
    module, _, function = name.rpartition(".")
    return importlib.import_module(f"{PACKAGE}.api.{module}.{function}")


def _model(name: str):
    return getattr(importlib.import_module(f"{PACKAGE}.models"), name)


def _wait(client, job_id, timeout_s: float = 120):
    get_job = _api("jobs.get_job")
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        job = get_job.sync(client=client, job_id=str(job_id))
        assert not isinstance(job, _model("Problem")), job
        if job.status in TERMINAL:
            return job
        time.sleep(0.3)
    raise AssertionError(f"job {job_id} did not end in {timeout_s}s")


def test_generated_client_creates_a_connection_and_runs_discovery_and_subset(
    generated_client, live_api, start_worker, source_db_url
):
    def as_role(role: str):
        return generated_client.AuthenticatedClient(
            base_url=live_api.url,
            token=live_api.key(role),
            prefix="",
            auth_header_name="X-API-Key",
            raise_on_unexpected_status=True,
        )

    admin, operator = as_role("admin"), as_role("operator")
    connection = _api("connections.create_connection").sync(
        client=admin, body=_model("ConnectionCreate")(name="shop", connection_string=source_db_url)
    )
    assert connection.name == "shop" and "@" in connection.display_url

    start_worker()
    accepted = _api("schemas.discover_schema").sync(
        client=operator,
        body=_model("DiscoverRequest")(connection_id=str(connection.id), schemas=["public"], sample_size=200),
    )
    discovered = _wait(operator, accepted.job_id)
    assert discovered.status == "succeeded", discovered.error

    schemas = _api("schemas.list_schemas").sync(client=operator)
    version_id = schemas[0].latest_version_id
    accepted = _api("subset.create_subset").sync(
        client=operator,
        body=_model("SubsetJobRequest")(
            schema_version_id=str(version_id), root_table="customers", sampling_pct=30, seed=7
        ),
    )
    assert accepted.status == "queued"
    subset = _wait(operator, accepted.job_id)
    assert subset.status == "succeeded", (subset.error, live_api.platform.worker_logs())
    assert subset.result["subset_dataset_version_id"]

    # Errors come back as the spec's Problem model.
    problem = _api("jobs.get_job").sync(
        client=as_role("viewer"), job_id="00000000-0000-0000-0000-000000000000"
    )
    assert isinstance(problem, _model("Problem")) and problem.status == 404
