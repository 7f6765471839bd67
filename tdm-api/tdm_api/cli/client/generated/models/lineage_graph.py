from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.column_lineage_out import ColumnLineageOut
    from ..models.lineage_edge import LineageEdge
    from ..models.lineage_node import LineageNode


T = TypeVar("T", bound="LineageGraph")


@_attrs_define
class LineageGraph:
    """
    Attributes:
        edges (list[LineageEdge]):
        nodes (list[LineageNode]):
        root (str):
        columns (list[ColumnLineageOut] | Unset):
        truncated (bool | Unset): True when the walk stopped at the node limit Default: False.
    """

    edges: list[LineageEdge]
    nodes: list[LineageNode]
    root: str
    columns: list[ColumnLineageOut] | Unset = UNSET
    truncated: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        edges = []
        for edges_item_data in self.edges:
            edges_item = edges_item_data.to_dict()
            edges.append(edges_item)

        nodes = []
        for nodes_item_data in self.nodes:
            nodes_item = nodes_item_data.to_dict()
            nodes.append(nodes_item)

        root = self.root

        columns: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.columns, Unset):
            columns = []
            for columns_item_data in self.columns:
                columns_item = columns_item_data.to_dict()
                columns.append(columns_item)

        truncated = self.truncated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "edges": edges,
                "nodes": nodes,
                "root": root,
            }
        )
        if columns is not UNSET:
            field_dict["columns"] = columns
        if truncated is not UNSET:
            field_dict["truncated"] = truncated

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.column_lineage_out import ColumnLineageOut
        from ..models.lineage_edge import LineageEdge
        from ..models.lineage_node import LineageNode

        d = dict(src_dict)
        edges = []
        _edges = d.pop("edges")
        for edges_item_data in _edges:
            edges_item = LineageEdge.from_dict(edges_item_data)

            edges.append(edges_item)

        nodes = []
        _nodes = d.pop("nodes")
        for nodes_item_data in _nodes:
            nodes_item = LineageNode.from_dict(nodes_item_data)

            nodes.append(nodes_item)

        root = d.pop("root")

        _columns = d.pop("columns", UNSET)
        columns: list[ColumnLineageOut] | Unset = UNSET
        if _columns is not UNSET:
            columns = []
            for columns_item_data in _columns:
                columns_item = ColumnLineageOut.from_dict(columns_item_data)

                columns.append(columns_item)

        truncated = d.pop("truncated", UNSET)

        lineage_graph = cls(
            edges=edges,
            nodes=nodes,
            root=root,
            columns=columns,
            truncated=truncated,
        )

        lineage_graph.additional_properties = d
        return lineage_graph

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
