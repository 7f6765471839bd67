from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.dataset_detail_metadata import DatasetDetailMetadata
    from ..models.lineage_edge_out import LineageEdgeOut
    from ..models.manifest_table import ManifestTable


T = TypeVar("T", bound="DatasetDetail")


@_attrs_define
class DatasetDetail:
    """
    Attributes:
        id (UUID):
        source_type (str):
        status (str):
        byte_size (int | None | Unset):
        complete (bool | Unset):  Default: False.
        created_at (datetime.datetime | None | Unset):
        created_by (None | str | Unset):
        deleted_at (datetime.datetime | None | Unset):
        downstream (list[LineageEdgeOut] | Unset): Edges out of this version
        job_id (None | Unset | UUID):
        metadata (DatasetDetailMetadata | Unset):
        name (None | str | Unset):
        ready_at (datetime.datetime | None | Unset):
        row_count (int | None | Unset):
        schema_version_id (None | Unset | UUID):
        tables (list[ManifestTable] | Unset): From the manifest; empty while incomplete
        upstream (list[LineageEdgeOut] | Unset): Edges into this version
    """

    id: UUID
    source_type: str
    status: str
    byte_size: int | None | Unset = UNSET
    complete: bool | Unset = False
    created_at: datetime.datetime | None | Unset = UNSET
    created_by: None | str | Unset = UNSET
    deleted_at: datetime.datetime | None | Unset = UNSET
    downstream: list[LineageEdgeOut] | Unset = UNSET
    job_id: None | Unset | UUID = UNSET
    metadata: DatasetDetailMetadata | Unset = UNSET
    name: None | str | Unset = UNSET
    ready_at: datetime.datetime | None | Unset = UNSET
    row_count: int | None | Unset = UNSET
    schema_version_id: None | Unset | UUID = UNSET
    tables: list[ManifestTable] | Unset = UNSET
    upstream: list[LineageEdgeOut] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        source_type = self.source_type

        status = self.status

        byte_size: int | None | Unset
        if isinstance(self.byte_size, Unset):
            byte_size = UNSET
        else:
            byte_size = self.byte_size

        complete = self.complete

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        created_by: None | str | Unset
        if isinstance(self.created_by, Unset):
            created_by = UNSET
        else:
            created_by = self.created_by

        deleted_at: None | str | Unset
        if isinstance(self.deleted_at, Unset):
            deleted_at = UNSET
        elif isinstance(self.deleted_at, datetime.datetime):
            deleted_at = self.deleted_at.isoformat()
        else:
            deleted_at = self.deleted_at

        downstream: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.downstream, Unset):
            downstream = []
            for downstream_item_data in self.downstream:
                downstream_item = downstream_item_data.to_dict()
                downstream.append(downstream_item)

        job_id: None | str | Unset
        if isinstance(self.job_id, Unset):
            job_id = UNSET
        elif isinstance(self.job_id, UUID):
            job_id = str(self.job_id)
        else:
            job_id = self.job_id

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        ready_at: None | str | Unset
        if isinstance(self.ready_at, Unset):
            ready_at = UNSET
        elif isinstance(self.ready_at, datetime.datetime):
            ready_at = self.ready_at.isoformat()
        else:
            ready_at = self.ready_at

        row_count: int | None | Unset
        if isinstance(self.row_count, Unset):
            row_count = UNSET
        else:
            row_count = self.row_count

        schema_version_id: None | str | Unset
        if isinstance(self.schema_version_id, Unset):
            schema_version_id = UNSET
        elif isinstance(self.schema_version_id, UUID):
            schema_version_id = str(self.schema_version_id)
        else:
            schema_version_id = self.schema_version_id

        tables: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tables, Unset):
            tables = []
            for tables_item_data in self.tables:
                tables_item = tables_item_data.to_dict()
                tables.append(tables_item)

        upstream: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.upstream, Unset):
            upstream = []
            for upstream_item_data in self.upstream:
                upstream_item = upstream_item_data.to_dict()
                upstream.append(upstream_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "source_type": source_type,
                "status": status,
            }
        )
        if byte_size is not UNSET:
            field_dict["byte_size"] = byte_size
        if complete is not UNSET:
            field_dict["complete"] = complete
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if created_by is not UNSET:
            field_dict["created_by"] = created_by
        if deleted_at is not UNSET:
            field_dict["deleted_at"] = deleted_at
        if downstream is not UNSET:
            field_dict["downstream"] = downstream
        if job_id is not UNSET:
            field_dict["job_id"] = job_id
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if name is not UNSET:
            field_dict["name"] = name
        if ready_at is not UNSET:
            field_dict["ready_at"] = ready_at
        if row_count is not UNSET:
            field_dict["row_count"] = row_count
        if schema_version_id is not UNSET:
            field_dict["schema_version_id"] = schema_version_id
        if tables is not UNSET:
            field_dict["tables"] = tables
        if upstream is not UNSET:
            field_dict["upstream"] = upstream

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.dataset_detail_metadata import DatasetDetailMetadata
        from ..models.lineage_edge_out import LineageEdgeOut
        from ..models.manifest_table import ManifestTable

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        source_type = d.pop("source_type")

        status = d.pop("status")

        def _parse_byte_size(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        byte_size = _parse_byte_size(d.pop("byte_size", UNSET))

        complete = d.pop("complete", UNSET)

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        def _parse_created_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        created_by = _parse_created_by(d.pop("created_by", UNSET))

        def _parse_deleted_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deleted_at_type_0 = datetime.datetime.fromisoformat(data)

                return deleted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        deleted_at = _parse_deleted_at(d.pop("deleted_at", UNSET))

        _downstream = d.pop("downstream", UNSET)
        downstream: list[LineageEdgeOut] | Unset = UNSET
        if _downstream is not UNSET:
            downstream = []
            for downstream_item_data in _downstream:
                downstream_item = LineageEdgeOut.from_dict(downstream_item_data)

                downstream.append(downstream_item)

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

        _metadata = d.pop("metadata", UNSET)
        metadata: DatasetDetailMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = DatasetDetailMetadata.from_dict(_metadata)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_ready_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ready_at_type_0 = datetime.datetime.fromisoformat(data)

                return ready_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        ready_at = _parse_ready_at(d.pop("ready_at", UNSET))

        def _parse_row_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        row_count = _parse_row_count(d.pop("row_count", UNSET))

        def _parse_schema_version_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                schema_version_id_type_0 = UUID(data)

                return schema_version_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        schema_version_id = _parse_schema_version_id(d.pop("schema_version_id", UNSET))

        _tables = d.pop("tables", UNSET)
        tables: list[ManifestTable] | Unset = UNSET
        if _tables is not UNSET:
            tables = []
            for tables_item_data in _tables:
                tables_item = ManifestTable.from_dict(tables_item_data)

                tables.append(tables_item)

        _upstream = d.pop("upstream", UNSET)
        upstream: list[LineageEdgeOut] | Unset = UNSET
        if _upstream is not UNSET:
            upstream = []
            for upstream_item_data in _upstream:
                upstream_item = LineageEdgeOut.from_dict(upstream_item_data)

                upstream.append(upstream_item)

        dataset_detail = cls(
            id=id,
            source_type=source_type,
            status=status,
            byte_size=byte_size,
            complete=complete,
            created_at=created_at,
            created_by=created_by,
            deleted_at=deleted_at,
            downstream=downstream,
            job_id=job_id,
            metadata=metadata,
            name=name,
            ready_at=ready_at,
            row_count=row_count,
            schema_version_id=schema_version_id,
            tables=tables,
            upstream=upstream,
        )

        dataset_detail.additional_properties = d
        return dataset_detail

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
