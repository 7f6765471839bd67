"""Walk the lineage table from one dataset version, upstream and downstream, into a node/edge graph."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from tdm_api.models.lineage import ColumnLineageOut, LineageEdge, LineageGraph, LineageNode
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_metadata_store.repositories.environments import EnvironmentRepository
from tdm_metadata_store.repositories.jobs import JobRepository
from tdm_metadata_store.repositories.lineage import LineageRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository

MAX_NODES = 500
# Only datasets are walked through. Every other node is a leaf: a schema version, a domain pack, a
# URL, a spec or a test-case file is an input many datasets share, and an environment receives many
# datasets; walking on from them would link every dataset made from the same input.
_WALKED_THROUGH = frozenset({"dataset_version"})


def build_lineage_graph(session: Session, dataset_id: uuid.UUID, max_nodes: int = MAX_NODES) -> LineageGraph:
    """Every node reachable through lineage edges (both directions) by way of dataset versions, with
    jobs and column entries; inputs and environments are shown as leaves."""
    repo = LineageRepository(session)
    types: dict[str, str] = {str(dataset_id): "dataset_version"}
    edges: dict[Any, Any] = {}
    frontier, truncated = {str(dataset_id)}, False
    while frontier:
        if len(types) >= max_nodes:
            truncated = True
            break
        found = repo.edges_touching(frontier)
        frontier = set()
        for edge in found:
            edges[edge.id] = edge
            for node_id, node_type in (
                (edge.source_id, edge.source_type),
                (edge.target_id, edge.target_type),
            ):
                if node_id not in types:
                    types[node_id] = node_type
                    if node_type in _WALKED_THROUGH:
                        frontier.add(node_id)
    out_edges = [
        LineageEdge(
            source=e.source_id,
            target=e.target_id,
            operation=e.operation,
            job_id=e.job_id,
            created_at=e.created_at,
        )
        for e in sorted(edges.values(), key=lambda e: e.created_at)
    ]
    nodes = [_node(session, node_id, node_type) for node_id, node_type in types.items()]
    nodes += _job_nodes(session, {e.job_id for e in edges.values() if e.job_id})
    discovered = _discovery_edges(session, [n for n in nodes if n.type == "schema_version"])
    nodes += [LineageNode(id=src, type="connection") for src in sorted({e.target for e in discovered})]
    columns = [
        ColumnLineageOut.model_validate(c, from_attributes=True)
        for node_id, node_type in types.items()
        if node_type == "dataset_version" and _is_uuid(node_id)
        for c in repo.column_lineage_for(uuid.UUID(node_id))
    ]
    return LineageGraph(
        root=str(dataset_id), nodes=nodes, edges=out_edges + discovered, columns=columns, truncated=truncated
    )


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _node(session: Session, node_id: str, node_type: str) -> LineageNode:
    if not _is_uuid(node_id):
        return LineageNode(id=node_id, type=node_type)
    key = uuid.UUID(node_id)
    if node_type == "dataset_version":
        row = DatasetRepository(session).get(key)
        if row is not None:  # deleted versions stay as tombstones
            return LineageNode(
                id=node_id,
                type=node_type,
                label=row.name or row.source_type,
                status=row.status,
                details={"source_type": row.source_type, "row_count": row.row_count},
            )
    elif node_type == "environment":
        env = EnvironmentRepository(session).get(key)
        return LineageNode(
            id=node_id, type=node_type, label=env.name if env else None, status=None if env else "deleted"
        )
    elif node_type == "schema_version":
        version = SchemaRepository(session).get_version(key)
        if version is not None:
            return LineageNode(
                id=node_id,
                type=node_type,
                label=f"version {version.version_number}",
                details={"schema_id": str(version.schema_id)},
            )
    return LineageNode(id=node_id, type=node_type)


def _job_nodes(session: Session, job_ids: set[uuid.UUID]) -> list[LineageNode]:
    jobs = JobRepository(session)
    out = []
    for job_id in sorted(job_ids, key=str):
        job = jobs.get(job_id)
        out.append(
            LineageNode(
                id=str(job_id),
                type="job",
                label=job.operation if job else None,
                status=job.status if job else None,
            )
        )
    return out


def _discovery_edges(session: Session, schema_nodes: list[LineageNode]) -> list[LineageEdge]:
    """schema_version → its source connection (`discovered_from`), from the schema's own record."""
    repo = SchemaRepository(session)
    out = []
    for node in schema_nodes:
        schema = (
            repo.get_schema(uuid.UUID(node.details["schema_id"])) if node.details.get("schema_id") else None
        )
        if schema is not None and schema.source_connection_id is not None:
            out.append(
                LineageEdge(
                    source=node.id, target=str(schema.source_connection_id), operation="discovered_from"
                )
            )
    return out
