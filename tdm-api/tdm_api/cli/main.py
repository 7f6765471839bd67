"""The `tdm` command: a Typer app assembled from one module per command group."""

from __future__ import annotations

import importlib
import sys

import typer
from pydantic import ValidationError

from tdm_api.cli.console import err
from tdm_api.cli.errors import (
    RUNTIME_ERROR_EXIT,
    SETTINGS_ERROR_EXIT,
    describe_runtime_error,
    describe_validation_error,
)
from tdm_api.cli.settings_fields import settings_classes_named
from tdm_api.cli.stack_env import use_stack_env_file

# Each module defines `register(app)`. A new command group (`tdm discover`, `tdm jobs ...`) joins
# the CLI by adding its module here.
COMMAND_MODULES: tuple[str, ...] = (
    "tdm_api.cli.stack",
    "tdm_api.cli.migrate",
    "tdm_api.cli.api",
    "tdm_api.cli.worker",
    "tdm_api.cli.apikey",
    "tdm_api.cli.rotate_secrets",
    "tdm_api.cli.client",
    "tdm_api.cli.demo",
)


def build_app() -> typer.Typer:
    """The `tdm` Typer app with every command group registered."""
    app = typer.Typer(
        name="tdm",
        help="Test Data Management for PostgreSQL: run the embedded stack and drive the platform.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(app)
    return app


def _fail(message: str, exit_code: int) -> None:
    err.print(f"error: {message}", markup=False)
    sys.exit(exit_code)


def run() -> None:
    """Entry point of the `tdm` console script: run the command, turning known errors into one line."""
    try:
        use_stack_env_file()
        build_app()(prog_name="tdm")
    except ValidationError as exc:
        if not settings_classes_named(exc.title):
            raise  # not configuration: a request model or a programming error
        _fail(describe_validation_error(exc), SETTINGS_ERROR_EXIT)
    except Exception as exc:
        message = describe_runtime_error(exc)
        if message is None:
            raise
        _fail(message, RUNTIME_ERROR_EXIT)


if __name__ == "__main__":
    run()
