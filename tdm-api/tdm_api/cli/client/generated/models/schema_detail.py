from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.schema_detail_snapshot import SchemaDetailSnapshot
    from ..models.schema_summary import SchemaSummary
    from ..models.schema_version_out import SchemaVersionOut


T = TypeVar("T", bound="SchemaDetail")


@_attrs_define
class SchemaDetail:
    """
    Attributes:
        schema (SchemaSummary):
        snapshot (SchemaDetailSnapshot): Tables, columns (with stats), keys, relationships
        version (SchemaVersionOut):
    """

    schema: SchemaSummary
    snapshot: SchemaDetailSnapshot
    version: SchemaVersionOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        schema = self.schema.to_dict()

        snapshot = self.snapshot.to_dict()

        version = self.version.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "schema": schema,
                "snapshot": snapshot,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.schema_detail_snapshot import SchemaDetailSnapshot
        from ..models.schema_summary import SchemaSummary
        from ..models.schema_version_out import SchemaVersionOut

        d = dict(src_dict)
        schema = SchemaSummary.from_dict(d.pop("schema"))

        snapshot = SchemaDetailSnapshot.from_dict(d.pop("snapshot"))

        version = SchemaVersionOut.from_dict(d.pop("version"))

        schema_detail = cls(
            schema=schema,
            snapshot=snapshot,
            version=version,
        )

        schema_detail.additional_properties = d
        return schema_detail

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
