"""Workflow templates: named presets of the full pipeline, overridable field by field.

Every template runs `FULL_TDM_PIPELINE` with an explicit list of steps, so all workflow requests
share one shape: shared ids at the top (`connection_id`, `schema_version_id`, `target_env`) and
each step's options under its key (`subset`, `masking`, `synthetic`, `provision`, `pii`).
"""

from __future__ import annotations

import copy
from typing import Any

from tdm_orchestrator.contract import Operation, Step

TEMPLATES: dict[str, dict[str, Any]] = {
    "full_workflow": {
        "title": "Full workflow",
        "description": "Discover the source, classify PII, subset, mask with the suggested rules, "
        "top up with synthetic rows, provision into an environment.",
        "steps": [Step.DISCOVER, Step.PII, Step.SUBSET, Step.MASK, Step.SYNTHETIC, Step.PROVISION],
        "requires": ["connection_id|schema_version_id", "target_env", "subset.root_table"],
        "defaults": {
            "subset": {"sampling_pct": 10, "seed": 42},
            "masking": {"use_suggested_rules": True},
            "synthetic": {"domain_pack": "ecommerce", "row_counts": {"customer": 100}, "engine": "rules"},
            "provision": {"mode": "truncate", "reset_env": True, "run_smoke_tests": True},
        },
    },
    "quick_synthetic": {
        "title": "Quick synthetic",
        "description": "Generate related synthetic tables from a domain pack (no source database needed).",
        "steps": [Step.SYNTHETIC],
        "requires": [],
        "defaults": {
            "synthetic": {
                "domain_pack": "ecommerce",
                "row_counts": {"customer": 1000},
                "engine": "rules",
                "scenario_template": "default",
            }
        },
    },
    "db_migration": {
        "title": "DB migration",
        "description": "Discover, take a referentially intact subset and load it into an environment, unmasked.",
        "steps": [Step.DISCOVER, Step.SUBSET, Step.PROVISION],
        "requires": ["connection_id|schema_version_id", "target_env", "subset.root_table"],
        "defaults": {
            "subset": {"sampling_pct": 100},
            "provision": {"mode": "drop_create", "reset_env": True, "run_smoke_tests": True},
        },
    },
    "secure_masking": {
        "title": "Secure masking",
        "description": "Discover, classify PII, copy the data, mask every PII column, provision.",
        "steps": [Step.DISCOVER, Step.PII, Step.SUBSET, Step.MASK, Step.PROVISION],
        "requires": ["connection_id|schema_version_id", "target_env", "subset.root_table"],
        "defaults": {
            "subset": {"sampling_pct": 100},
            "masking": {"use_suggested_rules": True},
            "provision": {"mode": "truncate", "reset_env": True, "run_smoke_tests": True},
        },
    },
    "test_data_generation": {
        "title": "Test data generation",
        "description": "Generate synthetic data from a domain pack, API spec or UI and provision it.",
        "steps": [Step.SYNTHETIC, Step.PROVISION],
        "requires": ["target_env"],
        "defaults": {
            "synthetic": {"domain_pack": "ecommerce", "row_counts": {"customer": 1000}, "engine": "rules"},
            "provision": {"mode": "drop_create", "reset_env": True, "run_smoke_tests": True},
        },
    },
}


def deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """`override` wins key by key; nested dicts merge, everything else is replaced."""
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def build_request(template: str, overrides: dict[str, Any]) -> tuple[Operation, dict[str, Any]]:
    """The job request a template produces with the user's overrides; KeyError for unknown names."""
    spec = TEMPLATES[template]
    request = deep_merge(spec["defaults"], overrides)
    request["steps"] = [str(s) for s in overrides.get("steps") or spec["steps"]]
    request["template"] = template
    return Operation.FULL_TDM_PIPELINE, request


def missing_requirements(template: str, request: dict[str, Any]) -> list[str]:
    """Dotted names of required fields the request lacks (only for steps it runs)."""
    missing = []
    for requirement in TEMPLATES[template]["requires"]:
        if not any(_present(request, path) for path in requirement.split("|")):
            missing.append(requirement.replace("|", " or "))
    return missing


def _present(request: dict[str, Any], path: str) -> bool:
    head, _, tail = path.partition(".")
    value = request.get(head)
    if tail:
        value = value.get(tail) if isinstance(value, dict) else None
    return value not in (None, "", [], {})
