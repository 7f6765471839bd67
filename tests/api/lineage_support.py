"""Reading the lineage graph of a dataset version through the API, as a viewer."""

from __future__ import annotations

from typing import Any


def lineage_graph(platform: Any, dataset_id: str) -> tuple[dict[str, Any], dict[str, str]]:
    """GET /lineage/dataset/{id}: the graph, and each node's type by id."""
    r = platform.client.get(f"/api/v1/lineage/dataset/{dataset_id}", headers=platform.headers("viewer"))
    assert r.status_code == 200, r.text
    graph = r.json()
    return graph, {n["id"]: n["type"] for n in graph["nodes"]}
