"""Request bodies from a JSON/YAML file (`--request`) with flags layered on top."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol, Self, TypeVar
from uuid import UUID

import attrs
import yaml

from tdm_api.cli.client.exit_codes import ExitCode
from tdm_api.cli.client.http import ClientError


class RequestModel(Protocol):
    """A request body model of the generated client."""

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self: ...

    def to_dict(self) -> dict[str, Any]: ...


R = TypeVar("R", bound=RequestModel)


def load_request_document(path: Path) -> Any:
    """The JSON or YAML document in a `.json`, `.yaml` or `.yml` file (`-` reads stdin)."""
    import sys

    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ClientError(
            f"cannot read request file {path}: {exc.strerror}", ExitCode.INVALID_REQUEST
        ) from None
    try:
        # YAML is a superset of JSON, but JSON files get JSON's clearer error messages.
        return json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ClientError(
            f"request file {path} is not valid JSON/YAML: {first}", ExitCode.INVALID_REQUEST
        ) from None


def load_request_file(path: Path | None) -> dict[str, Any]:
    """The mapping of fields in a request file; empty without a path."""
    if path is None:
        return {}
    data = load_request_document(path)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ClientError(f"request file {path} must hold a mapping of fields", ExitCode.INVALID_REQUEST)
    return data


def build_request(path: Path | None, **flags: Any) -> dict[str, Any]:
    """The request file's fields, overridden by every flag that was given (None and empty lists mean unset)."""
    body = load_request_file(path)
    for name, value in flags.items():
        if value is None or (isinstance(value, list | tuple) and not value):
            continue
        body[name] = list(value) if isinstance(value, tuple) else value
    return body


def parse_json_option(name: str, text: str | None) -> Any:
    """Decode a flag that takes inline JSON (such as `--filters '{"customers": [...]}'`)."""
    if text is None:
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ClientError(
            f"--{name.replace('_', '-')} must be JSON: {exc.msg}", ExitCode.INVALID_REQUEST
        ) from None


def require(body: dict[str, Any], *fields: str) -> None:
    """Fail before calling the API when a field the command needs is neither flagged nor in the file."""
    missing = [f for f in fields if body.get(f) in (None, "", [])]
    if missing:
        flags = ", ".join("--" + f.replace("_", "-") for f in missing)
        raise ClientError(
            f"missing {flags} (give the flag or put the field in --request)", ExitCode.INVALID_REQUEST
        )


def _flag(field: str) -> str:
    return "--" + field.replace("_", "-")


def to_model(model: type[R], body: Mapping[str, Any]) -> R:
    """`body` as the generated client's request model; a value it cannot hold is the caller's to fix.

    The API refuses fields its models do not declare; the generated models would drop them silently,
    so they are refused here by name.
    """
    try:
        built = model.from_dict(body)
    except KeyError as exc:
        raise ClientError(
            f"missing {_flag(str(exc.args[0]))} (give the flag or put the field in --request)",
            ExitCode.INVALID_REQUEST,
        ) from None
    except (TypeError, ValueError, AttributeError) as exc:
        raise ClientError(_field_problem(model, body, exc), ExitCode.INVALID_REQUEST) from None
    unknown = sorted(set(body) - set(built.to_dict()))
    if unknown:
        raise ClientError(f"unknown field(s) in the request: {', '.join(unknown)}", ExitCode.INVALID_REQUEST)
    return built


def _field_problem(model: type, body: Mapping[str, Any], exc: Exception) -> str:
    for field in attrs.fields(model):
        value = body.get(field.name)
        if isinstance(value, str) and "UUID" in str(field.type):
            try:
                UUID(value)
            except ValueError:
                return f"{_flag(field.name)} must be a UUID"
    return f"invalid request: {exc}"
