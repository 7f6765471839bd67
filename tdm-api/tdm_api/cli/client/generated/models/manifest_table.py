from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.manifest_table_columns_item import ManifestTableColumnsItem


T = TypeVar("T", bound="ManifestTable")


@_attrs_define
class ManifestTable:
    """
    Attributes:
        bytes_ (int):
        columns (list[ManifestTableColumnsItem]): Arrow fields: name, type, nullable
        name (str):
        rows (int):
        sha256 (str):
    """

    bytes_: int
    columns: list[ManifestTableColumnsItem]
    name: str
    rows: int
    sha256: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bytes_ = self.bytes_

        columns = []
        for columns_item_data in self.columns:
            columns_item = columns_item_data.to_dict()
            columns.append(columns_item)

        name = self.name

        rows = self.rows

        sha256 = self.sha256

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bytes": bytes_,
                "columns": columns,
                "name": name,
                "rows": rows,
                "sha256": sha256,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.manifest_table_columns_item import ManifestTableColumnsItem

        d = dict(src_dict)
        bytes_ = d.pop("bytes")

        columns = []
        _columns = d.pop("columns")
        for columns_item_data in _columns:
            columns_item = ManifestTableColumnsItem.from_dict(columns_item_data)

            columns.append(columns_item)

        name = d.pop("name")

        rows = d.pop("rows")

        sha256 = d.pop("sha256")

        manifest_table = cls(
            bytes_=bytes_,
            columns=columns,
            name=name,
            rows=rows,
            sha256=sha256,
        )

        manifest_table.additional_properties = d
        return manifest_table

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
