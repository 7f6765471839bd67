"""`--wait`: follow a job's events with a progress bar per stage, then print its result and exit code."""

from __future__ import annotations

import time
from typing import Any

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from tdm_api.cli.client.context import ClientOptions
from tdm_api.cli.client.exit_codes import STATUS_EXIT, ExitCode
from tdm_api.cli.client.generated.api.jobs import get_job, job_events
from tdm_api.cli.client.generated.models import JobDetail
from tdm_api.cli.client.generated.types import UNSET
from tdm_api.cli.client.http import ApiClient, ClientError
from tdm_api.cli.client.render import print_json, show_record
from tdm_api.cli.client.sse import parse_events
from tdm_api.cli.console import err, out

# The API sends a keep-alive every ~10 s; a minute of silence means the connection is gone.
STREAM_READ_TIMEOUT_S = 60.0
RECONNECT_ATTEMPTS = 5


class StageProgress:
    """One Rich progress bar per stage, on stderr (stdout stays for results)."""

    def __init__(self, enabled: bool) -> None:
        self._progress = Progress(
            TextColumn("{task.description:<24}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            disable=not enabled,
            transient=False,
        )
        self._tasks: dict[str, TaskID] = {}
        self.enabled = enabled

    def __enter__(self) -> StageProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._progress.stop()

    def update(self, event: dict[str, Any]) -> None:
        """Advance the bar of the event's stage (a new stage gets a new bar)."""
        stage = str(event.get("stage") or "job")
        total = event.get("total")
        done = event.get("done") or 0
        if stage not in self._tasks:
            self._tasks[stage] = self._progress.add_task(stage, total=total)
        task = self._tasks[stage]
        self._progress.update(task, completed=done, total=total if total else None)

    def finish(self) -> None:
        """Fill the bars of stages that ended without a final count."""
        for task in self._tasks.values():
            current = self._progress.tasks[task]
            if current.total is None or current.completed < current.total:
                total = current.total or max(current.completed, 1)
                self._progress.update(task, total=total, completed=total)

    def log(self, event: dict[str, Any]) -> None:
        """Print a job log line above the bars."""
        if self.enabled and event.get("message"):
            stage = f"[{event['stage']}] " if event.get("stage") else ""
            self._progress.console.print(f"{stage}{event['message']}", markup=False, style="dim")


def _follow_events(client: ApiClient, job_id: str, progress: StageProgress) -> str | None:
    """Read events until the job ends or parks; returns the last status seen (None if the stream broke)."""
    last_id: str | None = None
    status: str | None = None
    for attempt in range(RECONNECT_ATTEMPTS):
        # The generated endpoint reads whole bodies; a stream takes its request (path, headers) instead.
        request = job_events._get_kwargs(job_id, last_event_id=last_id or UNSET)
        request["headers"]["Accept"] = "text/event-stream"
        try:
            with client.stream(request, read_timeout=STREAM_READ_TIMEOUT_S) as response:
                for event in parse_events(response.iter_lines()):
                    last_id = event.id or last_id
                    kind = event.data.get("type") or event.event
                    if kind == "progress":
                        progress.update(event.data)
                    elif kind == "log":
                        progress.log(event.data)
                    elif kind == "status":
                        status = event.data.get("status") or status
                        if status in STATUS_EXIT:
                            return status
            # The server closed the stream without a final status: ask again.
        except ClientError as exc:
            if exc.exit_code is not ExitCode.UNREACHABLE or attempt == RECONNECT_ATTEMPTS - 1:
                raise
        time.sleep(min(2**attempt * 0.5, 5))
    return status


def wait_for_job(client: ApiClient, options: ClientOptions, job_id: str) -> ExitCode:
    """Follow the job to its end, print its outcome, and return the exit code for its status."""
    with StageProgress(enabled=not options.json) as progress:
        _follow_events(client, job_id, progress)
        answer = client.call(get_job.sync_detailed, job_id, logs_limit=1)
        status = str(answer.model(JobDetail).status)
        if status == "succeeded":
            progress.finish()
    job = answer.data
    code = STATUS_EXIT.get(status)
    if code is None:
        raise ClientError(
            f"job {job_id} is still {status}; follow it with `tdm jobs show {job_id} --wait`",
            ExitCode.UNREACHABLE,
        )
    print_outcome(options, job)
    return code


def print_outcome(options: ClientOptions, job: dict[str, Any]) -> None:
    """The end of a job: its JSON for programs, or its status, error and result for people."""
    summary = {k: job.get(k) for k in ("id", "operation", "status", "error", "result")}
    if options.json:
        print_json(summary)
        return
    out.print(f"job {job.get('id')} {job.get('status')}", markup=False)
    if job.get("status") == "awaiting_approval":
        out.print(f"approve with `tdm jobs resume {job.get('id')} --approve` (or --reject)", markup=False)
    if job.get("error"):
        err.print(f"error: {job['error']}", markup=False)
    if isinstance(job.get("result"), dict):
        show_record(options, job["result"])
