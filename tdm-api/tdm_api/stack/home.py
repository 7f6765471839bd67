"""Where the embedded stack keeps its files under `TDM_HOME`, and the small state it remembers."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

METADATA_DATABASE = "tdm"


@dataclass(frozen=True)
class StackHome:
    """The layout of one `TDM_HOME` directory; every path the stack reads or writes is named here."""

    root: Path

    @property
    def postgres_dir(self) -> Path:
        return self.root / "postgres"

    @property
    def redis_dir(self) -> Path:
        return self.root / "redis"

    @property
    def datasets_dir(self) -> Path:
        return self.root / "datasets"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    @property
    def secrets_file(self) -> Path:
        return self.root / "secrets.env"

    @property
    def env_file(self) -> Path:
        return self.root / "tdm.env"

    @property
    def pid_file(self) -> Path:
        return self.root / "supervisor.pid"

    @property
    def state_file(self) -> Path:
        return self.root / "stack.json"

    @property
    def supervisor_log(self) -> Path:
        return self.logs_dir / "supervisor.log"

    def service_log(self, name: str) -> Path:
        """The log file of one supervised service (`logs/<name>.log`)."""
        return self.logs_dir / f"{name}.log"

    def create(self) -> None:
        """Create the directories the stack writes into."""
        for folder in (self.root, self.logs_dir, self.datasets_dir):
            folder.mkdir(parents=True, exist_ok=True)

    def read_state(self) -> dict[str, Any]:
        """The state the last run left behind (ports, service pids); empty when there is none."""
        try:
            return dict(json.loads(self.state_file.read_text()))
        except (OSError, ValueError):
            return {}

    def write_state(self, state: dict[str, Any]) -> None:
        """Replace the state file atomically, so a concurrent `tdm status` never reads half of it."""
        tmp = self.state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, indent=2, sort_keys=True))
        os.replace(tmp, self.state_file)
