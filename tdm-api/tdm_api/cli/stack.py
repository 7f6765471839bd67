"""`tdm up`, `tdm down`, `tdm status`: the embedded stack under TDM_HOME."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.panel import Panel
from rich.table import Table

from tdm_api.cli.console import err, out
from tdm_api.cli.errors import describe_runtime_error, describe_validation_error
from tdm_api.stack.control import (
    running_supervisor_pid,
    send_failure,
    send_ready,
    start_detached,
    stop_stack,
    supervise,
)
from tdm_api.stack.home import StackHome
from tdm_api.stack.settings import get_settings
from tdm_api.stack.status import all_running, stack_status
from tdm_api.stack.supervisor import StackSummary, UpOptions

STACK_DOWN_EXIT = 3

HomeOption = Annotated[
    Path | None, typer.Option("--home", help="Directory of the stack's data [default: TDM_HOME or ~/.tdm].")
]
WorkersOption = Annotated[
    int | None,
    typer.Option("--workers", min=0, help="Orchestrator workers to run [default: TDM_WORKERS or 1]."),
]
ApiPortOption = Annotated[
    int | None,
    typer.Option("--api-port", min=1, max=65535, help="Port of the API [default: as last time, or 8000]."),
]


def _home(path: Path | None) -> StackHome:
    return StackHome((path or get_settings().home).expanduser().resolve())


def _options(workers: int | None, api_port: int | None) -> UpOptions:
    return UpOptions(workers=get_settings().workers if workers is None else workers, api_port=api_port)


def print_summary(summary: StackSummary) -> None:
    """Show where everything is and the settings in use (secrets already masked)."""
    table = Table(title=f"TDM stack in {summary.home}", show_header=False, title_justify="left")
    for name, address in summary.components.items():
        table.add_row(name, address)
    table.add_section()
    for name, value in summary.settings.items():
        table.add_row(name, value)
    out.print(table)
    for warning in summary.warnings:
        err.print(f"warning: {warning}", markup=False)
    if summary.admin_key:
        out.print(
            Panel(
                f"{summary.admin_key}\n\nUse it as the X-API-Key header. It is shown this once and stored only hashed.",
                title="Admin API key (new)",
                border_style="yellow",
            )
        )


def up(
    detach: Annotated[
        bool, typer.Option("-d", "--detach", help="Run in the background; return when healthy.")
    ] = False,
    home: HomeOption = None,
    workers: WorkersOption = None,
    api_port: ApiPortOption = None,
) -> None:
    """Start PostgreSQL, Redis, the API and workers under TDM_HOME (in the foreground unless -d)."""
    stack_home, options = _home(home), _options(workers, api_port)
    running_pid = running_supervisor_pid(stack_home)
    if detach and running_pid is not None:
        # Idempotent, so scripts (and `make demo`) may call it whatever state the stack is in.
        out.print(f"The stack in {stack_home.root} is already running (supervisor pid {running_pid}).")
        return
    if detach:
        print_summary(start_detached(stack_home, options))
        out.print(f"Running in the background (log: {stack_home.supervisor_log}). Stop it with `tdm down`.")
        return
    _log_to_file(stack_home, console_level=logging.WARNING)

    def announce(summary: StackSummary) -> None:
        print_summary(summary)
        out.print("Running. Press Ctrl-C to stop.")

    supervise(stack_home, options, on_ready=announce)
    out.print("Stack stopped.")


def down(home: HomeOption = None) -> None:
    """Stop the stack started by `tdm up` and wait until everything has exited."""
    stack_home = _home(home)
    if stop_stack(stack_home):
        out.print(f"Stack in {stack_home.root} stopped.")
    else:
        out.print(f"Stack in {stack_home.root} was not running.")


def status(home: HomeOption = None) -> None:
    """Report each component of the stack; exit code 0 when all run, 3 otherwise."""
    components = stack_status(_home(home))
    table = Table("component", "state", "address", "pid")
    for component in components:
        state = "[green]running[/]" if component.running else "[red]stopped[/]"
        table.add_row(component.name, state, component.address, str(component.pid or ""))
    out.print(table)
    raise typer.Exit(0 if all_running(components) else STACK_DOWN_EXIT)


def supervise_detached(
    home: Annotated[Path, typer.Option("--home")],
    ready_fd: Annotated[int, typer.Option("--ready-fd", help="Pipe on which to report readiness.")],
    workers: Annotated[int, typer.Option("--workers")] = 1,
    api_port: Annotated[int | None, typer.Option("--api-port")] = None,
) -> None:
    """Run the supervisor for `tdm up -d` (its output is the supervisor log)."""
    stack_home = StackHome(home)
    _log_to_file(stack_home, console_level=None)
    reported = False

    def report_ready(summary: StackSummary) -> None:
        nonlocal reported
        send_ready(ready_fd, summary)
        reported = True
        logging.getLogger(__name__).info("stack ready")

    try:
        supervise(stack_home, UpOptions(workers, api_port), on_ready=report_ready)
    except BaseException as exc:
        if not reported:
            send_failure(ready_fd, _one_line(exc))
        raise


def _one_line(exc: BaseException) -> str:
    from pydantic import ValidationError

    if isinstance(exc, ValidationError):
        return describe_validation_error(exc)
    return describe_runtime_error(exc) or f"the stack failed to start ({type(exc).__name__})"


def _log_to_file(home: StackHome, console_level: int | None) -> None:
    """Log to `logs/supervisor.log`; in the foreground, warnings also reach the terminal."""
    home.logs_dir.mkdir(parents=True, exist_ok=True)
    handlers: list[logging.Handler] = []
    if console_level is None:
        handlers.append(logging.StreamHandler(sys.stderr))  # stderr is the log file when detached
    else:
        handlers.append(logging.FileHandler(home.supervisor_log))
        console = logging.StreamHandler(sys.stderr)
        console.setLevel(console_level)
        handlers.append(console)
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=handlers,
        force=True,
    )


def register(app: typer.Typer) -> None:
    """Add the stack commands to the CLI."""
    app.command("up")(up)
    app.command("down")(down)
    app.command("status")(status)
    app.command("supervise", hidden=True)(supervise_detached)
