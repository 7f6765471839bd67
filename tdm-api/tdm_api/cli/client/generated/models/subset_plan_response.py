from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.cycle_plan import CyclePlan
    from ..models.index_warning import IndexWarning
    from ..models.table_estimate import TableEstimate


T = TypeVar("T", bound="SubsetPlanResponse")


@_attrs_define
class SubsetPlanResponse:
    """The dry run: traversal order, estimates per table, caps that bite, cycles, missing indexes.

    Attributes:
        cycles (list[CyclePlan]):
        estimated_bytes (int):
        estimated_rows (int):
        limits_bite (list[str]): Tables where a cap is expected to cut rows off
        missing_indexes (list[IndexWarning]):
        schema_version_id (UUID): Schema version the plan was made against
        tables (list[TableEstimate]):
        traversal_order (list[str]): Tables in the order they are visited
        include_children_of_parents (int | Unset): Completeness depth the plan was made with (children of pulled-in
            parents) Default: 0.
    """

    cycles: list[CyclePlan]
    estimated_bytes: int
    estimated_rows: int
    limits_bite: list[str]
    missing_indexes: list[IndexWarning]
    schema_version_id: UUID
    tables: list[TableEstimate]
    traversal_order: list[str]
    include_children_of_parents: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cycles = []
        for cycles_item_data in self.cycles:
            cycles_item = cycles_item_data.to_dict()
            cycles.append(cycles_item)

        estimated_bytes = self.estimated_bytes

        estimated_rows = self.estimated_rows

        limits_bite = self.limits_bite

        missing_indexes = []
        for missing_indexes_item_data in self.missing_indexes:
            missing_indexes_item = missing_indexes_item_data.to_dict()
            missing_indexes.append(missing_indexes_item)

        schema_version_id = str(self.schema_version_id)

        tables = []
        for tables_item_data in self.tables:
            tables_item = tables_item_data.to_dict()
            tables.append(tables_item)

        traversal_order = self.traversal_order

        include_children_of_parents = self.include_children_of_parents

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cycles": cycles,
                "estimated_bytes": estimated_bytes,
                "estimated_rows": estimated_rows,
                "limits_bite": limits_bite,
                "missing_indexes": missing_indexes,
                "schema_version_id": schema_version_id,
                "tables": tables,
                "traversal_order": traversal_order,
            }
        )
        if include_children_of_parents is not UNSET:
            field_dict["include_children_of_parents"] = include_children_of_parents

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.cycle_plan import CyclePlan
        from ..models.index_warning import IndexWarning
        from ..models.table_estimate import TableEstimate

        d = dict(src_dict)
        cycles = []
        _cycles = d.pop("cycles")
        for cycles_item_data in _cycles:
            cycles_item = CyclePlan.from_dict(cycles_item_data)

            cycles.append(cycles_item)

        estimated_bytes = d.pop("estimated_bytes")

        estimated_rows = d.pop("estimated_rows")

        limits_bite = cast(list[str], d.pop("limits_bite"))

        missing_indexes = []
        _missing_indexes = d.pop("missing_indexes")
        for missing_indexes_item_data in _missing_indexes:
            missing_indexes_item = IndexWarning.from_dict(missing_indexes_item_data)

            missing_indexes.append(missing_indexes_item)

        schema_version_id = UUID(d.pop("schema_version_id"))

        tables = []
        _tables = d.pop("tables")
        for tables_item_data in _tables:
            tables_item = TableEstimate.from_dict(tables_item_data)

            tables.append(tables_item)

        traversal_order = cast(list[str], d.pop("traversal_order"))

        include_children_of_parents = d.pop("include_children_of_parents", UNSET)

        subset_plan_response = cls(
            cycles=cycles,
            estimated_bytes=estimated_bytes,
            estimated_rows=estimated_rows,
            limits_bite=limits_bite,
            missing_indexes=missing_indexes,
            schema_version_id=schema_version_id,
            tables=tables,
            traversal_order=traversal_order,
            include_children_of_parents=include_children_of_parents,
        )

        subset_plan_response.additional_properties = d
        return subset_plan_response

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
