"""Reading and writing the dotenv files of the embedded stack (`tdm.env`, `secrets.env`)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from dotenv import dotenv_values

_PLAIN_VALUE = re.compile(r"[\w@%+=:,./~-]*")


def read_env_file(path: Path) -> dict[str, str]:
    """The variables of a dotenv file; empty when the file does not exist."""
    if not path.exists():
        return {}
    return {key: value for key, value in dotenv_values(path).items() if value is not None}


def _quote(value: str) -> str:
    if _PLAIN_VALUE.fullmatch(value):
        return value
    if "'" in value or "\n" in value:
        raise ValueError("dotenv values may not contain single quotes or newlines")
    return f"'{value}'"


def write_env_file(path: Path, values: Mapping[str, str], mode: int = 0o644, header: str = "") -> None:
    """Write `values` as a dotenv file with permissions `mode`, replacing any previous file atomically.

    The temporary file is created with `mode` already set, so secrets are never readable by others,
    not even for a moment.
    """
    lines = [f"# {line}" for line in header.splitlines()]
    lines += [f"{key}={_quote(value)}" for key, value in values.items()]
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, "w") as handle:
        handle.write("\n".join(lines) + "\n")
    os.chmod(tmp, mode)
    os.replace(tmp, path)
