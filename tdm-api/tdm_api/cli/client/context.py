"""The client commands' global options (`--api-url`, `--api-key`, `--output`) and how commands reach them."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from functools import wraps
from typing import Annotated, Any, ParamSpec

import typer

from tdm_api.cli.client.exit_codes import ExitCode
from tdm_api.cli.client.http import ApiClient, ClientError
from tdm_api.cli.console import err

DEFAULT_API_URL = "http://127.0.0.1:8000"

P = ParamSpec("P")


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


@dataclass(frozen=True)
class ClientOptions:
    """Where the API is, who calls it, and how results are printed."""

    api_url: str = DEFAULT_API_URL
    api_key: str | None = None
    output: OutputFormat = OutputFormat.table

    @property
    def json(self) -> bool:
        """True when only machine-readable results go to stdout."""
        return self.output is OutputFormat.json


def _stack_env_value(name: str) -> str | None:
    # After `tdm up`, TDM_ENV_FILE names the stack's tdm.env, which records the API's URL.
    env_file = os.environ.get("TDM_ENV_FILE")
    if not env_file:
        return None
    from pathlib import Path

    from tdm_api.stack.env_files import read_env_file

    return read_env_file(Path(env_file)).get(name)


def global_options(
    ctx: typer.Context,
    api_url: Annotated[
        str | None,
        typer.Option(
            "--api-url",
            envvar="TDM_API_URL",
            show_default=DEFAULT_API_URL,
            help="Base URL of the TDM API (client commands).",
        ),
    ] = None,
    api_key: Annotated[
        str | None,
        typer.Option(
            "--api-key",
            envvar="TDM_API_KEY",
            show_default=False,
            help="API key sent as X-API-Key (client commands).",
        ),
    ] = None,
    output: Annotated[
        OutputFormat,
        typer.Option(
            "--output",
            "-o",
            envvar="TDM_OUTPUT",
            case_sensitive=False,
            help="table for people; json prints machine-readable results only.",
        ),
    ] = OutputFormat.table,
) -> None:
    """Store the global options for the client commands below."""
    resolved_url = api_url or _stack_env_value("TDM_API_URL") or DEFAULT_API_URL
    ctx.obj = ClientOptions(api_url=resolved_url, api_key=api_key or None, output=output)


def options_of(ctx: typer.Context) -> ClientOptions:
    """The global options of this invocation (defaults when the root callback did not run)."""
    root = ctx.find_root()
    return root.obj if isinstance(root.obj, ClientOptions) else ClientOptions()


@contextmanager
def api_client(ctx: typer.Context) -> Iterator[ApiClient]:
    """An `ApiClient` for this invocation's options."""
    options = options_of(ctx)
    with ApiClient(options.api_url, options.api_key) as client:
        yield client


def fail(message: str, exit_code: ExitCode) -> None:
    """Print one error line on stderr and exit with `exit_code`."""
    err.print(f"error: {message}", markup=False)
    raise typer.Exit(int(exit_code))


def client_command(func: Callable[P, Any]) -> Callable[P, Any]:
    """Decorate a command so that a `ClientError` ends it with one line and its exit code."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Any:
        try:
            return func(*args, **kwargs)
        except ClientError as exc:
            fail(exc.message, exc.exit_code)
        except KeyboardInterrupt:
            err.print("interrupted", markup=False)
            sys.exit(130)

    return wrapper
