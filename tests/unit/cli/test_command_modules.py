"""`tdm <command>` imports only the module that registers the command, and the table saying which
module that is matches what the modules register."""

from __future__ import annotations

import importlib
import subprocess
import sys

import typer
from typer.testing import CliRunner

from tdm_api.cli.main import COMMAND_MODULES, build_app, modules_for


def _registered_names(module_name: str) -> set[str]:
    app = typer.Typer()
    importlib.import_module(module_name).register(app)
    commands = {command.name or command.callback.__name__ for command in app.registered_commands}
    return commands | {group.name for group in app.registered_groups}


def _top_level_names(app: typer.Typer) -> set[str]:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return set(group.commands)


def test_the_table_names_every_command_of_every_module_and_no_other():
    for module_name in set(COMMAND_MODULES.values()):
        listed = {name for name, module in COMMAND_MODULES.items() if module == module_name}
        assert _registered_names(module_name) == listed, module_name


def test_a_command_line_loads_only_the_modules_of_the_commands_it_names():
    assert modules_for(["status"]) == ["tdm_api.cli.stack"]
    assert modules_for(["--api-url", "http://h", "-o", "json", "jobs", "list"]) == ["tdm_api.cli.client.jobs"]
    assert _top_level_names(build_app(["environments", "list"])) == {"connections", "environments"}
    # An option value that is also a command name loads one module more, never one fewer.
    assert set(modules_for(["--api-key", "demo", "jobs", "list"])) == {
        "tdm_api.cli.demo",
        "tdm_api.cli.client.jobs",
    }


def test_help_and_unknown_commands_see_every_command():
    everything = set(COMMAND_MODULES)
    assert _top_level_names(build_app()) == everything
    assert _top_level_names(build_app(["--help"])) == everything
    unknown = CliRunner().invoke(build_app(["statsu"]), ["statsu"])
    assert unknown.exit_code == 2 and "statsu" in unknown.output


def test_global_options_work_with_a_command_loaded_alone():
    result = CliRunner().invoke(build_app(["up", "--help"]), ["--output", "json", "up", "--help"])
    assert result.exit_code == 0, result.output
    assert "--workers" in result.output


def test_a_stack_command_does_not_import_the_api_client_or_the_demo():
    heavy = ("tdm_api.cli.client.generated.models", "tdm_api.cli.client.generated.api", "tdm_api.demo")
    code = (
        "import sys; from tdm_api.cli.main import build_app; build_app(['status']);"
        f"print(sorted(m for m in sys.modules if m.startswith({heavy!r})))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
