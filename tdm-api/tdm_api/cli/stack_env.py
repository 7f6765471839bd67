"""Pointing `tdm` commands at a running embedded stack through `TDM_ENV_FILE`."""

from __future__ import annotations

import os
from collections.abc import MutableMapping
from pathlib import Path

from tdm_api.stack.env_files import read_env_file
from tdm_api.stack.home import StackHome
from tdm_api.stack.settings import get_settings

ENV_FILE_VARIABLE = "TDM_ENV_FILE"


def use_stack_env_file(environ: MutableMapping[str, str] = os.environ) -> Path | None:
    """Set TDM_ENV_FILE to `$TDM_HOME/tdm.env` when that file exists and the variable is unset.

    Every package's settings read the file named by TDM_ENV_FILE, so commands run after `tdm up`
    find the stack. The stack's secrets (`secrets.env`) are exported too, for variables that are
    unset, because settings read a single file. Returns the env file now in use, if any.
    """
    if environ.get(ENV_FILE_VARIABLE):
        return Path(environ[ENV_FILE_VARIABLE])
    home = StackHome(get_settings().home.expanduser())
    if not home.env_file.exists():
        return None
    environ[ENV_FILE_VARIABLE] = str(home.env_file)
    for name, value in read_env_file(home.secrets_file).items():
        environ.setdefault(name, value)
    return home.env_file
