from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.table_estimate_phase import TableEstimatePhase, check_table_estimate_phase
from ..types import UNSET, Unset

T = TypeVar("T", bound="TableEstimate")


@_attrs_define
class TableEstimate:
    """Expected rows and bytes of one table in the subset.

    Attributes:
        estimated_bytes (int):
        estimated_rows (int):
        phase (TableEstimatePhase): How the table's rows enter the subset
        source_rows (int): Rows in the source table (planner estimate)
        table (str):
        cap (int | None | Unset):
        cap_bites (bool | Unset): The cap is expected to cut rows off Default: False.
        completion_depth (int | None | Unset): Hops from a parent pulled in upstream, when include_children_of_parents
            adds rows here
        depth (int | None | Unset): Downstream hops from a target
    """

    estimated_bytes: int
    estimated_rows: int
    phase: TableEstimatePhase
    source_rows: int
    table: str
    cap: int | None | Unset = UNSET
    cap_bites: bool | Unset = False
    completion_depth: int | None | Unset = UNSET
    depth: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        estimated_bytes = self.estimated_bytes

        estimated_rows = self.estimated_rows

        phase: str = self.phase

        source_rows = self.source_rows

        table = self.table

        cap: int | None | Unset
        if isinstance(self.cap, Unset):
            cap = UNSET
        else:
            cap = self.cap

        cap_bites = self.cap_bites

        completion_depth: int | None | Unset
        if isinstance(self.completion_depth, Unset):
            completion_depth = UNSET
        else:
            completion_depth = self.completion_depth

        depth: int | None | Unset
        if isinstance(self.depth, Unset):
            depth = UNSET
        else:
            depth = self.depth

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "estimated_bytes": estimated_bytes,
                "estimated_rows": estimated_rows,
                "phase": phase,
                "source_rows": source_rows,
                "table": table,
            }
        )
        if cap is not UNSET:
            field_dict["cap"] = cap
        if cap_bites is not UNSET:
            field_dict["cap_bites"] = cap_bites
        if completion_depth is not UNSET:
            field_dict["completion_depth"] = completion_depth
        if depth is not UNSET:
            field_dict["depth"] = depth

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        estimated_bytes = d.pop("estimated_bytes")

        estimated_rows = d.pop("estimated_rows")

        phase = check_table_estimate_phase(d.pop("phase"))

        source_rows = d.pop("source_rows")

        table = d.pop("table")

        def _parse_cap(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        cap = _parse_cap(d.pop("cap", UNSET))

        cap_bites = d.pop("cap_bites", UNSET)

        def _parse_completion_depth(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        completion_depth = _parse_completion_depth(d.pop("completion_depth", UNSET))

        def _parse_depth(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        depth = _parse_depth(d.pop("depth", UNSET))

        table_estimate = cls(
            estimated_bytes=estimated_bytes,
            estimated_rows=estimated_rows,
            phase=phase,
            source_rows=source_rows,
            table=table,
            cap=cap,
            cap_bites=cap_bites,
            completion_depth=completion_depth,
            depth=depth,
        )

        table_estimate.additional_properties = d
        return table_estimate

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
