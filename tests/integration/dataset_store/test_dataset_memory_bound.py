"""Memory stays bounded by the batch size, not the table size (5M rows through the local backend)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROWS = 5_000_000
BATCH_ROWS = 100_000
LIMIT_BYTES = 300 * 1024 * 1024
REPO_ROOT = Path(__file__).resolve().parents[3]


def test_five_million_rows_write_and_read_with_bounded_memory(tmp_path):
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.integration.dataset_store.memory_probe",
            str(tmp_path),
            str(ROWS),
            str(BATCH_ROWS),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    report = json.loads(completed.stdout)

    assert report["rows_written"] == report["rows_read"] == ROWS
    assert report["id_sum"] == ROWS * (ROWS - 1) // 2
    # The table is bigger than the limit, so holding it whole would fail the assertion below.
    assert report["table_arrow_bytes"] > LIMIT_BYTES
    assert report["write_growth"] < LIMIT_BYTES, report
    assert report["read_growth"] < LIMIT_BYTES, report
