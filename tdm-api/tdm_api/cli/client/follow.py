"""`--wait`: follow a job's events with a progress bar per stage, then print its result and exit code."""

from __future__ import annotations

from typing import Any

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential

from tdm_api.cli.client.context import ClientOptions
from tdm_api.cli.client.exit_codes import STATUS_EXIT, ExitCode
from tdm_api.cli.client.generated.api.jobs import get_job, job_events
from tdm_api.cli.client.generated.models import JobDetail
from tdm_api.cli.client.generated.types import UNSET
from tdm_api.cli.client.http import ApiClient, ClientError, parse_id
from tdm_api.cli.client.render import print_json, show_record
from tdm_api.cli.client.sse import job_events as decode_events
from tdm_api.cli.console import err, out

# The API sends a keep-alive every ~10 s; a minute of silence means the connection is gone.
STREAM_READ_TIMEOUT_S = 60.0
RECONNECT_ATTEMPTS = 5
# A job can be parked and resumed several times while it is followed (each PII pause, say).
MAX_REFOLLOWS = 10
# 0.5 s, 1 s, 2 s, 4 s between attempts.
RECONNECT_WAIT = wait_exponential(multiplier=0.5, max=5)


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


class _StreamEnded(Exception):
    """The server closed the event stream before the job ended or parked."""


def _reconnects(exc: BaseException) -> bool:
    return isinstance(exc, _StreamEnded) or (
        isinstance(exc, ClientError) and exc.exit_code is ExitCode.UNREACHABLE
    )


class _EventFollower:
    """Reads a job's events into the progress bars, resuming after the last event id it saw."""

    def __init__(self, client: ApiClient, job_id: str, progress: StageProgress) -> None:
        self.client, self.job_id, self.progress = client, parse_id(job_id, "the job id"), progress
        self.last_id: str | None = None
        self.status: str | None = None

    def read_once(self) -> str:
        """Read one connection's events; the final status, or `_StreamEnded` when the stream closes first."""
        # The generated endpoint reads whole bodies; a stream takes its request (path, headers) instead.
        request = job_events._get_kwargs(self.job_id, last_event_id=self.last_id or UNSET)
        with self.client.events(request, read_timeout=STREAM_READ_TIMEOUT_S) as source:
            for event in decode_events(source):
                self.last_id = event.id or self.last_id
                kind = event.data.get("type") or event.event
                if kind == "progress":
                    self.progress.update(event.data)
                elif kind == "log":
                    self.progress.log(event.data)
                elif kind == "status":
                    self.status = event.data.get("status") or self.status
                    if self.status in STATUS_EXIT:
                        return self.status
        raise _StreamEnded


def _follow_events(follower: _EventFollower) -> str | None:
    """Read events until the job ends or parks; returns the last status seen (None if the stream broke).

    A dropped connection or a stream closed early is retried (tenacity) with the Last-Event-ID;
    any other error ends the command.
    """
    retrying = Retrying(
        stop=stop_after_attempt(RECONNECT_ATTEMPTS),
        wait=RECONNECT_WAIT,
        retry=retry_if_exception(_reconnects),
        reraise=True,
    )
    try:
        return retrying(follower.read_once)
    except _StreamEnded:
        return follower.status


def follow_job(client: ApiClient, job_id: str, progress: StageProgress) -> str | None:
    """Show a job's events in `progress` until it ends or parks; the last status seen."""
    return _follow_events(_EventFollower(client, job_id, progress))


def wait_for_job(client: ApiClient, options: ClientOptions, job_id: str) -> ExitCode:
    """Follow the job to its end, print its outcome, and return the exit code for its status."""
    with StageProgress(enabled=not options.json) as progress:
        follower = _EventFollower(client, job_id, progress)
        seen = _follow_events(follower)
        answer = client.call(get_job.sync_detailed, job_id, logs_limit=1)
        status = str(answer.model(JobDetail).status)
        for _ in range(MAX_REFOLLOWS):
            if not (seen in STATUS_EXIT and status not in STATUS_EXIT):
                break
            # A resumed job's stream replays its history, parked status included, while its record says
            # running: follow on after the last event seen (the same follower), not from the start again.
            seen = _follow_events(follower)
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
