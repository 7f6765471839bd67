"""Static checks of docker-compose.yml, Dockerfile, .env.example and .dockerignore (Docker is not run here).

Every setting the TDM services receive exists in a settings class, every variable the compose file
interpolates is documented in .env.example, every command exists in the `tdm` CLI, and the
Dockerfile's stages and copied paths exist.
"""

from __future__ import annotations

import fnmatch
import importlib
import inspect
import json
import re
from pathlib import Path

import pytest
import typer
import yaml
from pydantic_settings import BaseSettings

from tdm_api.cli.main import build_app
from tdm_api.cli.settings_fields import env_names

ROOT = Path(__file__).resolve().parents[3]
PACKAGE_DIRS = (
    "tdm-api",
    "tdm-orchestrator",
    "agents",
    "tdm-metadata-store",
    "tdm-dataset-store",
    "tdm-cache",
)
INTERPOLATION = re.compile(r"\$\{([A-Z0-9_]+)(?:[:?\-][^}]*)?\}")


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _tdm_services() -> dict[str, dict]:
    return {name: svc for name, svc in _compose()["services"].items() if "build" in svc}


def _settings_modules() -> list[str]:
    names = []
    for folder in PACKAGE_DIRS:
        for path in sorted((ROOT / folder).rglob("settings.py")):
            names.append(".".join(path.relative_to(ROOT / folder).with_suffix("").parts))
    return names


def _known_settings() -> set[str]:
    known: set[str] = set()
    for module_name in _settings_modules():
        module = importlib.import_module(module_name)
        for cls in vars(module).values():
            if inspect.isclass(cls) and issubclass(cls, BaseSettings) and cls.__module__ == module_name:
                for field in cls.model_fields:
                    known.update(env_names(cls, field))
    return known


def test_the_settings_modules_named_in_the_design_are_all_found():
    expected = {
        "tdm_metadata_store.settings",
        "tdm_cache.settings",
        "tdm_dataset_store.settings",
        "tdm_api.settings",
        "tdm_orchestrator.settings",
        "tdm_agents.settings",
    }
    assert expected <= set(_settings_modules())


def test_every_variable_a_tdm_service_receives_is_a_setting():
    known = _known_settings()
    services = _tdm_services()
    assert {"migrate", "api", "worker"} <= set(services)
    for name, service in services.items():
        unknown = set(service.get("environment") or {}) - known
        assert not unknown, f"{name}: {sorted(unknown)} are read by no settings class"


def test_every_interpolated_variable_is_in_env_example_and_nothing_else_is():
    used = set(INTERPOLATION.findall((ROOT / "docker-compose.yml").read_text()))
    example = (ROOT / ".env.example").read_text()
    documented = {line.split("=", 1)[0] for line in example.splitlines() if line and not line.startswith("#")}
    assert used - documented == set(), "add these to .env.example"
    assert documented - used == set(), "these .env.example entries are used by nothing"
    secrets = ("POSTGRES_PASSWORD", "TDM_ENCRYPTION_KEYS", "API_SECRET_KEY", "MINIO_ROOT_PASSWORD")
    for secret in secrets:
        # No working default: compose refuses to start until .env sets it.
        assert re.search(r"\$\{" + secret + r":\?", (ROOT / "docker-compose.yml").read_text()), secret
        assert re.search(rf"^{secret}=change-me$", example, re.MULTILINE), secret


def _cli() -> typer.core.TyperGroup:
    return typer.main.get_command(build_app())


def _assert_cli_accepts(argv: list[str]) -> None:
    group = _cli()
    command = group.commands.get(argv[0])
    assert command is not None, f"`tdm {argv[0]}` is not a command ({sorted(group.commands)})"
    options = {opt for param in command.params for opt in getattr(param, "opts", [])}
    for arg in argv[1:]:
        if arg.startswith("-"):
            assert arg in options, f"`tdm {argv[0]}` has no option {arg}"


def test_every_service_command_exists_in_the_cli():
    for service in _tdm_services().values():
        _assert_cli_accepts(list(service["command"]))
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert 'ENTRYPOINT ["tdm"]' in dockerfile
    default = json.loads(re.search(r"^CMD (\[.*\])$", dockerfile, re.MULTILINE).group(1))
    _assert_cli_accepts(default)


def test_dependencies_health_checks_and_worker_replicas():
    services = _compose()["services"]
    for name, service in services.items():
        for dependency, rule in (service.get("depends_on") or {}).items():
            assert dependency in services, (name, dependency)
            if rule["condition"] == "service_healthy":
                assert "healthcheck" in services[dependency], f"{dependency} needs a healthcheck"
            if rule["condition"] == "service_completed_successfully":
                assert services[dependency].get("restart") == "no", f"{dependency} is one-shot"
    assert services["postgres"]["image"].startswith("postgres:15")
    assert services["redis"]["image"].startswith("redis:7") and "--appendonly" in services["redis"]["command"]
    assert "deploy" in services["worker"] and "replicas" in services["worker"]["deploy"]
    assert "mc mb" in " ".join(services["minio-init"]["command"])
    for name in ("api", "worker"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def _dockerfile_instructions() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def _ignored(path: str, patterns: list[str]) -> bool:
    return any(
        fnmatch.fnmatch(path.rstrip("/"), p.rstrip("/")) or path.startswith(p.rstrip("/") + "/")
        for p in patterns
    )


def test_dockerfile_stages_and_copied_paths_exist():
    instructions = _dockerfile_instructions()
    stages = [args.split()[-1] for op, args in instructions if op == "FROM" and " AS " in args.upper()]
    assert stages == ["ui", "runtime"]
    assert any(op == "FROM" and args.startswith("python:3.11-slim") for op, args in instructions)
    ignore = [p for p in (ROOT / ".dockerignore").read_text().splitlines() if p and not p.startswith("#")]
    for op, args in instructions:
        if op != "COPY":
            continue
        parts = args.split()
        if parts[0].startswith("--from="):
            assert parts[0].removeprefix("--from=") in stages
            continue
        for source in parts[:-1]:
            assert (ROOT / source).exists(), f"COPY {source}: no such path"
            assert not _ignored(source, ignore), f"COPY {source} is excluded by .dockerignore"
    package = json.loads((ROOT / "tdm-ui" / "package.json").read_text())
    assert "build" in package["scripts"] and (ROOT / "tdm-ui" / "package-lock.json").exists()
    assert any(op == "USER" and args != "root" for op, args in instructions), (
        "the runtime must not run as root"
    )
    # The built portal lands where TDM_UI_DIST (an API setting) points.
    env_line = next(args for op, args in instructions if op == "ENV" and "TDM_UI_DIST=" in args)
    ui_dir = re.search(r"TDM_UI_DIST=(\S+)", env_line).group(1)
    assert any(op == "COPY" and args.endswith(f"dist {ui_dir}") for op, args in instructions)
    assert "TDM_UI_DIST" in _known_settings()


@pytest.mark.parametrize("package_dir", PACKAGE_DIRS)
def test_dockerfile_copies_every_package(package_dir):
    assert any(
        op == "COPY" and args.split()[0] == f"{package_dir}/" for op, args in _dockerfile_instructions()
    )
