from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SchemaVersionOut")


@_attrs_define
class SchemaVersionOut:
    """
    Attributes:
        column_count (int):
        fingerprint (str):
        id (UUID):
        schema_id (UUID):
        status (str):
        table_count (int):
        version_number (int):
        discovered_at (datetime.datetime | None | Unset):
        job_id (None | Unset | UUID):
    """

    column_count: int
    fingerprint: str
    id: UUID
    schema_id: UUID
    status: str
    table_count: int
    version_number: int
    discovered_at: datetime.datetime | None | Unset = UNSET
    job_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        column_count = self.column_count

        fingerprint = self.fingerprint

        id = str(self.id)

        schema_id = str(self.schema_id)

        status = self.status

        table_count = self.table_count

        version_number = self.version_number

        discovered_at: None | str | Unset
        if isinstance(self.discovered_at, Unset):
            discovered_at = UNSET
        elif isinstance(self.discovered_at, datetime.datetime):
            discovered_at = self.discovered_at.isoformat()
        else:
            discovered_at = self.discovered_at

        job_id: None | str | Unset
        if isinstance(self.job_id, Unset):
            job_id = UNSET
        elif isinstance(self.job_id, UUID):
            job_id = str(self.job_id)
        else:
            job_id = self.job_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "column_count": column_count,
                "fingerprint": fingerprint,
                "id": id,
                "schema_id": schema_id,
                "status": status,
                "table_count": table_count,
                "version_number": version_number,
            }
        )
        if discovered_at is not UNSET:
            field_dict["discovered_at"] = discovered_at
        if job_id is not UNSET:
            field_dict["job_id"] = job_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        column_count = d.pop("column_count")

        fingerprint = d.pop("fingerprint")

        id = UUID(d.pop("id"))

        schema_id = UUID(d.pop("schema_id"))

        status = d.pop("status")

        table_count = d.pop("table_count")

        version_number = d.pop("version_number")

        def _parse_discovered_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                discovered_at_type_0 = datetime.datetime.fromisoformat(data)

                return discovered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        discovered_at = _parse_discovered_at(d.pop("discovered_at", UNSET))

        def _parse_job_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                job_id_type_0 = UUID(data)

                return job_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        job_id = _parse_job_id(d.pop("job_id", UNSET))

        schema_version_out = cls(
            column_count=column_count,
            fingerprint=fingerprint,
            id=id,
            schema_id=schema_id,
            status=status,
            table_count=table_count,
            version_number=version_number,
            discovered_at=discovered_at,
            job_id=job_id,
        )

        schema_version_out.additional_properties = d
        return schema_version_out

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
