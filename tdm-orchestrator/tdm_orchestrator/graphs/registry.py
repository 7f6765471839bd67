"""Which subgraph runs each step. A new agent plugs in by adding one entry here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tdm_orchestrator.contract import Step


def step_builders() -> dict[str, Callable[[], Any]]:
    from tdm_orchestrator.graphs.masking import build_masking_graph
    from tdm_orchestrator.graphs.noop import build_noop_graph
    from tdm_orchestrator.graphs.pii_detection import build_pii_detection_graph
    from tdm_orchestrator.graphs.provisioning import build_provisioning_graph
    from tdm_orchestrator.graphs.schema_discovery import build_schema_discovery_graph
    from tdm_orchestrator.graphs.subsetting import build_subsetting_graph
    from tdm_orchestrator.graphs.synthetic import build_synthetic_graph

    return {
        Step.NOOP: build_noop_graph,
        Step.DISCOVER: build_schema_discovery_graph,
        Step.PII: build_pii_detection_graph,
        Step.SUBSET: build_subsetting_graph,
        Step.MASK: build_masking_graph,
        Step.SYNTHETIC: build_synthetic_graph,
        Step.PROVISION: build_provisioning_graph,
    }


def supported_steps() -> set[str]:
    return {str(s) for s in step_builders()}
