"""The `tdm` client commands: every platform operation over the REST API (httpx, Rich, Typer).

Each module registers one command group; `register` adds them all plus the global options
`--api-url`, `--api-key` and `--output`. Exit codes are in `exit_codes.ExitCode`.
"""

from __future__ import annotations

import importlib

import typer

from tdm_api.cli.client.context import global_options

GROUP_MODULES: tuple[str, ...] = (
    "tdm_api.cli.client.connections",
    "tdm_api.cli.client.schema_discovery",
    "tdm_api.cli.client.pii_detection",
    "tdm_api.cli.client.subsetting",
    "tdm_api.cli.client.masking",
    "tdm_api.cli.client.synthetic",
    "tdm_api.cli.client.provisioning",
    "tdm_api.cli.client.rules",
    "tdm_api.cli.client.workflow",
    "tdm_api.cli.client.datasets",
    "tdm_api.cli.client.jobs",
)


def register(app: typer.Typer) -> None:
    """Add the global client options and every client command group to the `tdm` app."""
    app.callback()(global_options)
    for module_name in GROUP_MODULES:
        importlib.import_module(module_name).register(app)
