"""The CLI's API client is what openapi-python-client makes from the committed docs/openapi.json."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
COMMITTED = ROOT / "tdm-api" / "tdm_api" / "cli" / "client" / "generated"


def _differences(left: Path, right: Path) -> list[str]:
    """Relative paths of files that differ or exist on one side only (caches ignored)."""
    compare = filecmp.dircmp(left, right, ignore=["__pycache__"])
    found: list[str] = []

    def walk(node: filecmp.dircmp, prefix: str) -> None:
        found.extend(prefix + name for name in node.left_only + node.right_only)
        # shallow=False: compare contents, not only size and modification time.
        _, mismatch, errors = filecmp.cmpfiles(node.left, node.right, node.common_files, shallow=False)
        found.extend(prefix + name for name in mismatch + errors)
        for name, child in node.subdirs.items():
            walk(child, f"{prefix}{name}/")

    walk(compare, "")
    return sorted(found)


def test_committed_client_is_generated_from_the_committed_spec(tmp_path):
    bin_dir = Path(sys.executable).parent
    output = tmp_path / "generated"
    done = subprocess.run(
        [
            str(bin_dir / "openapi-python-client"),
            "generate",
            "--path",
            str(ROOT / "docs" / "openapi.json"),
            "--meta",
            "none",
            "--config",
            str(ROOT / "openapi-client.yaml"),
            "--output-path",
            str(output),
        ],
        cwd=tmp_path,
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Warning" not in done.stdout + done.stderr, done.stdout + done.stderr
    stale = _differences(COMMITTED, output)
    assert not stale, f"the CLI's generated client is stale ({stale[:5]}): run `make openapi`"
