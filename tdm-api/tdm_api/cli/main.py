"""The `tdm` command: a Typer app assembled from one module per command group."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

import typer
from pydantic import ValidationError

from tdm_api.cli.client.context import global_options
from tdm_api.cli.console import err
from tdm_api.cli.errors import (
    RUNTIME_ERROR_EXIT,
    SETTINGS_ERROR_EXIT,
    describe_runtime_error,
    describe_validation_error,
)
from tdm_api.cli.settings_fields import settings_classes_named
from tdm_api.cli.stack_env import use_stack_env_file

# Where each top-level command comes from: every module defines `register(app)`, which adds the
# commands it is listed with here. `tdm <command>` imports only the module of the command it names
# (the demo's and the API client's imports would otherwise add ~0.6 s to every command); help and
# unknown commands import them all. A new command joins the CLI by being added here
# (tests/unit/cli/test_command_modules.py checks this table against what the modules register).
COMMAND_MODULES: dict[str, str] = {
    "up": "tdm_api.cli.stack",
    "down": "tdm_api.cli.stack",
    "status": "tdm_api.cli.stack",
    "supervise": "tdm_api.cli.stack",
    "migrate": "tdm_api.cli.migrate",
    "api": "tdm_api.cli.api",
    "worker": "tdm_api.cli.worker",
    "apikey": "tdm_api.cli.apikey",
    "rotate-secrets": "tdm_api.cli.rotate_secrets",
    "connections": "tdm_api.cli.client.connections",
    "environments": "tdm_api.cli.client.connections",
    "discover": "tdm_api.cli.client.schema_discovery",
    "schemas": "tdm_api.cli.client.schema_discovery",
    "pii": "tdm_api.cli.client.pii_detection",
    "subset": "tdm_api.cli.client.subsetting",
    "mask": "tdm_api.cli.client.masking",
    "synthetic": "tdm_api.cli.client.synthetic",
    "provision": "tdm_api.cli.client.provisioning",
    "rules": "tdm_api.cli.client.rules",
    "workflow": "tdm_api.cli.client.workflow",
    "datasets": "tdm_api.cli.client.datasets",
    "lineage": "tdm_api.cli.client.datasets",
    "jobs": "tdm_api.cli.client.jobs",
    "demo": "tdm_api.cli.demo",
}


def modules_for(args: Sequence[str] | None) -> list[str]:
    """The command modules `tdm args...` needs: those of the command names among the arguments
    (an option's value that happens to be a command name only adds a module), else all of them."""
    named = {COMMAND_MODULES[arg] for arg in args or () if arg in COMMAND_MODULES}
    return [module for module in dict.fromkeys(COMMAND_MODULES.values()) if not named or module in named]


def build_app(args: Sequence[str] | None = None) -> typer.Typer:
    """The `tdm` Typer app: the global options, and the commands `args` names (all without `args`)."""
    app = typer.Typer(
        name="tdm",
        help="Test Data Management for PostgreSQL: run the embedded stack and drive the platform.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    app.callback()(global_options)
    for module_name in modules_for(args):
        importlib.import_module(module_name).register(app)
    return app


def _fail(message: str, exit_code: int) -> None:
    err.print(f"error: {message}", markup=False)
    sys.exit(exit_code)


def run() -> None:
    """Entry point of the `tdm` console script: run the command, turning known errors into one line."""
    try:
        use_stack_env_file()
        build_app(sys.argv[1:])(prog_name="tdm")
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
