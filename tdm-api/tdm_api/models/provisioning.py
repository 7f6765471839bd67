"""POST /provision: load a dataset version into a target environment."""

from __future__ import annotations

import uuid

from pydantic import ConfigDict, Field

from tdm_agents.provisioning.request_options import ProvisionRequestOptions


class ProvisionRequest(ProvisionRequestOptions):
    """The plan's body (`dataset_version_id`, `target_env`, `reset_env`, `run_smoke_tests`) plus options."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "dataset_version_id": "0b6f5a9e-3c43-4a5e-9c1f-2b7e4bb0a111",
                    "target_env": "QA",
                    "reset_env": True,
                    "run_smoke_tests": True,
                }
            ]
        },
    )

    dataset_version_id: uuid.UUID
    target_env: str = Field(min_length=1, max_length=100, description="Environment name or id")
