from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.pii_column_out import PiiColumnOut
    from ..models.pii_map_out_by_type import PiiMapOutByType


T = TypeVar("T", bound="PiiMapOut")


@_attrs_define
class PiiMapOut:
    """The PII map of a schema version: every flagged or reviewed column.

    Attributes:
        by_type (PiiMapOutByType):
        columns (list[PiiColumnOut]):
        columns_flagged (int):
        schema_id (UUID):
        schema_version_id (UUID):
        version_number (int):
    """

    by_type: PiiMapOutByType
    columns: list[PiiColumnOut]
    columns_flagged: int
    schema_id: UUID
    schema_version_id: UUID
    version_number: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by_type = self.by_type.to_dict()

        columns = []
        for columns_item_data in self.columns:
            columns_item = columns_item_data.to_dict()
            columns.append(columns_item)

        columns_flagged = self.columns_flagged

        schema_id = str(self.schema_id)

        schema_version_id = str(self.schema_version_id)

        version_number = self.version_number

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "by_type": by_type,
                "columns": columns,
                "columns_flagged": columns_flagged,
                "schema_id": schema_id,
                "schema_version_id": schema_version_id,
                "version_number": version_number,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.pii_column_out import PiiColumnOut
        from ..models.pii_map_out_by_type import PiiMapOutByType

        d = dict(src_dict)
        by_type = PiiMapOutByType.from_dict(d.pop("by_type"))

        columns = []
        _columns = d.pop("columns")
        for columns_item_data in _columns:
            columns_item = PiiColumnOut.from_dict(columns_item_data)

            columns.append(columns_item)

        columns_flagged = d.pop("columns_flagged")

        schema_id = UUID(d.pop("schema_id"))

        schema_version_id = UUID(d.pop("schema_version_id"))

        version_number = d.pop("version_number")

        pii_map_out = cls(
            by_type=by_type,
            columns=columns,
            columns_flagged=columns_flagged,
            schema_id=schema_id,
            schema_version_id=schema_version_id,
            version_number=version_number,
        )

        pii_map_out.additional_properties = d
        return pii_map_out

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
