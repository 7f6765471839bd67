from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.synthetic_preview_conflicts_item import SyntheticPreviewConflictsItem
    from ..models.synthetic_preview_tables import SyntheticPreviewTables


T = TypeVar("T", bound="SyntheticPreview")


@_attrs_define
class SyntheticPreview:
    """Generated rows per table (nothing is stored), with the merged schema's conflicts.

    Attributes:
        scenario (str):
        seed (int):
        tables (SyntheticPreviewTables):
        conflicts (list[SyntheticPreviewConflictsItem] | Unset): Where the sources disagreed
    """

    scenario: str
    seed: int
    tables: SyntheticPreviewTables
    conflicts: list[SyntheticPreviewConflictsItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        scenario = self.scenario

        seed = self.seed

        tables = self.tables.to_dict()

        conflicts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.conflicts, Unset):
            conflicts = []
            for conflicts_item_data in self.conflicts:
                conflicts_item = conflicts_item_data.to_dict()
                conflicts.append(conflicts_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "scenario": scenario,
                "seed": seed,
                "tables": tables,
            }
        )
        if conflicts is not UNSET:
            field_dict["conflicts"] = conflicts

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.synthetic_preview_conflicts_item import (
            SyntheticPreviewConflictsItem,
        )
        from ..models.synthetic_preview_tables import SyntheticPreviewTables

        d = dict(src_dict)
        scenario = d.pop("scenario")

        seed = d.pop("seed")

        tables = SyntheticPreviewTables.from_dict(d.pop("tables"))

        _conflicts = d.pop("conflicts", UNSET)
        conflicts: list[SyntheticPreviewConflictsItem] | Unset = UNSET
        if _conflicts is not UNSET:
            conflicts = []
            for conflicts_item_data in _conflicts:
                conflicts_item = SyntheticPreviewConflictsItem.from_dict(
                    conflicts_item_data
                )

                conflicts.append(conflicts_item)

        synthetic_preview = cls(
            scenario=scenario,
            seed=seed,
            tables=tables,
            conflicts=conflicts,
        )

        synthetic_preview.additional_properties = d
        return synthetic_preview

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
