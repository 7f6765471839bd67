"""`tdm worker`: run an orchestrator worker process (several may share one queue)."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer


def worker(
    concurrency: Annotated[
        int | None,
        typer.Option(min=1, max=64, help="Jobs run at once [default: TDM_WORKER_CONCURRENCY or 2]."),
    ] = None,
) -> None:
    """Claim jobs from Redis and run them until stopped (SIGTERM/Ctrl-C finish the running jobs first)."""
    # The worker runs as its own interpreter: the API package never imports the orchestrator's runtime.
    argv = [sys.executable, "-m", "tdm_orchestrator.worker"]
    if concurrency:
        argv += ["--concurrency", str(concurrency)]
    os.execv(sys.executable, argv)


def register(app: typer.Typer) -> None:
    """Add `tdm worker` to the CLI."""
    app.command("worker")(worker)
