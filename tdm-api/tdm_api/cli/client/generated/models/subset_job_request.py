from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.date_range import DateRange
    from ..models.relationship_override import RelationshipOverride
    from ..models.subset_job_request_filters import SubsetJobRequestFilters
    from ..models.subset_job_request_max_rows_per_table_type_1 import (
        SubsetJobRequestMaxRowsPerTableType1,
    )
    from ..models.subset_job_request_mode import SubsetJobRequestMode


T = TypeVar("T", bound="SubsetJobRequest")


@_attrs_define
class SubsetJobRequest:
    """Body of `POST /subset` and `POST /subset/plan`.

    The source is `connection_id`, or `connection_string` (stored encrypted as a connection for a
    job, used only in memory for a plan), or neither: then the schema's own source connection.
    Filter values are bound parameters, never spliced into SQL.

        Attributes:
            root_table (list[str] | str): Target table, or several, the subset starts from
            schema_version_id (str): Schema version whose snapshot describes the source
            connection_id (None | str | Unset): Stored connection to read from
            connection_string (None | str | Unset): Source URL, when no stored connection
            cut_nullable_fks (bool | Unset): Do not pull in parents through nullable foreign keys; such values become NULL
                in the output when their parent is not in the subset Default: False.
            date_range (DateRange | None | Unset): A date window on one table
            filters (SubsetJobRequestFilters | Unset): Conditions per table; the short form {'table': {'column': value}}
                means equality
            include_children_of_parents (int | Unset): Completeness: rows pulled in as parents bring their own children,
                this many foreign-key hops down (and those children's parents); 0 keeps only the parents Default: 0.
            max_depth (int | None | Unset): Most foreign-key hops followed downstream
            max_rows_per_table (int | None | SubsetJobRequestMaxRowsPerTableType1 | Unset): Cap on target and child rows,
                for every table (int) or per table; never on parents
            mode (SubsetJobRequestMode | Unset): Per table: subset (default), full (copy whole) or skip
            relationship_overrides (list[RelationshipOverride] | Unset): Per relationship: follow children or not
            sampling_pct (float | None | Unset): Percentage (0-100) of target rows kept
            seed (int | Unset): Seed of the sampling hash: the same seed gives the same subset Default: 0.
    """

    root_table: list[str] | str
    schema_version_id: str
    connection_id: None | str | Unset = UNSET
    connection_string: None | str | Unset = UNSET
    cut_nullable_fks: bool | Unset = False
    date_range: DateRange | None | Unset = UNSET
    filters: SubsetJobRequestFilters | Unset = UNSET
    include_children_of_parents: int | Unset = 0
    max_depth: int | None | Unset = UNSET
    max_rows_per_table: int | None | SubsetJobRequestMaxRowsPerTableType1 | Unset = (
        UNSET
    )
    mode: SubsetJobRequestMode | Unset = UNSET
    relationship_overrides: list[RelationshipOverride] | Unset = UNSET
    sampling_pct: float | None | Unset = UNSET
    seed: int | Unset = 0

    def to_dict(self) -> dict[str, Any]:
        from ..models.date_range import DateRange
        from ..models.subset_job_request_max_rows_per_table_type_1 import (
            SubsetJobRequestMaxRowsPerTableType1,
        )

        root_table: list[str] | str
        if isinstance(self.root_table, list):
            root_table = self.root_table

        else:
            root_table = self.root_table

        schema_version_id = self.schema_version_id

        connection_id: None | str | Unset
        if isinstance(self.connection_id, Unset):
            connection_id = UNSET
        else:
            connection_id = self.connection_id

        connection_string: None | str | Unset
        if isinstance(self.connection_string, Unset):
            connection_string = UNSET
        else:
            connection_string = self.connection_string

        cut_nullable_fks = self.cut_nullable_fks

        date_range: dict[str, Any] | None | Unset
        if isinstance(self.date_range, Unset):
            date_range = UNSET
        elif isinstance(self.date_range, DateRange):
            date_range = self.date_range.to_dict()
        else:
            date_range = self.date_range

        filters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.filters, Unset):
            filters = self.filters.to_dict()

        include_children_of_parents = self.include_children_of_parents

        max_depth: int | None | Unset
        if isinstance(self.max_depth, Unset):
            max_depth = UNSET
        else:
            max_depth = self.max_depth

        max_rows_per_table: dict[str, Any] | int | None | Unset
        if isinstance(self.max_rows_per_table, Unset):
            max_rows_per_table = UNSET
        elif isinstance(self.max_rows_per_table, SubsetJobRequestMaxRowsPerTableType1):
            max_rows_per_table = self.max_rows_per_table.to_dict()
        else:
            max_rows_per_table = self.max_rows_per_table

        mode: dict[str, Any] | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode.to_dict()

        relationship_overrides: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.relationship_overrides, Unset):
            relationship_overrides = []
            for relationship_overrides_item_data in self.relationship_overrides:
                relationship_overrides_item = relationship_overrides_item_data.to_dict()
                relationship_overrides.append(relationship_overrides_item)

        sampling_pct: float | None | Unset
        if isinstance(self.sampling_pct, Unset):
            sampling_pct = UNSET
        else:
            sampling_pct = self.sampling_pct

        seed = self.seed

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "root_table": root_table,
                "schema_version_id": schema_version_id,
            }
        )
        if connection_id is not UNSET:
            field_dict["connection_id"] = connection_id
        if connection_string is not UNSET:
            field_dict["connection_string"] = connection_string
        if cut_nullable_fks is not UNSET:
            field_dict["cut_nullable_fks"] = cut_nullable_fks
        if date_range is not UNSET:
            field_dict["date_range"] = date_range
        if filters is not UNSET:
            field_dict["filters"] = filters
        if include_children_of_parents is not UNSET:
            field_dict["include_children_of_parents"] = include_children_of_parents
        if max_depth is not UNSET:
            field_dict["max_depth"] = max_depth
        if max_rows_per_table is not UNSET:
            field_dict["max_rows_per_table"] = max_rows_per_table
        if mode is not UNSET:
            field_dict["mode"] = mode
        if relationship_overrides is not UNSET:
            field_dict["relationship_overrides"] = relationship_overrides
        if sampling_pct is not UNSET:
            field_dict["sampling_pct"] = sampling_pct
        if seed is not UNSET:
            field_dict["seed"] = seed

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.date_range import DateRange
        from ..models.relationship_override import RelationshipOverride
        from ..models.subset_job_request_filters import SubsetJobRequestFilters
        from ..models.subset_job_request_max_rows_per_table_type_1 import (
            SubsetJobRequestMaxRowsPerTableType1,
        )
        from ..models.subset_job_request_mode import SubsetJobRequestMode

        d = dict(src_dict)

        def _parse_root_table(data: object) -> list[str] | str:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                root_table_type_1 = cast(list[str], data)

                return root_table_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | str, data)

        root_table = _parse_root_table(d.pop("root_table"))

        schema_version_id = d.pop("schema_version_id")

        def _parse_connection_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        connection_id = _parse_connection_id(d.pop("connection_id", UNSET))

        def _parse_connection_string(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        connection_string = _parse_connection_string(d.pop("connection_string", UNSET))

        cut_nullable_fks = d.pop("cut_nullable_fks", UNSET)

        def _parse_date_range(data: object) -> DateRange | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                date_range_type_0 = DateRange.from_dict(data)

                return date_range_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DateRange | None | Unset, data)

        date_range = _parse_date_range(d.pop("date_range", UNSET))

        _filters = d.pop("filters", UNSET)
        filters: SubsetJobRequestFilters | Unset
        if isinstance(_filters, Unset):
            filters = UNSET
        else:
            filters = SubsetJobRequestFilters.from_dict(_filters)

        include_children_of_parents = d.pop("include_children_of_parents", UNSET)

        def _parse_max_depth(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_depth = _parse_max_depth(d.pop("max_depth", UNSET))

        def _parse_max_rows_per_table(
            data: object,
        ) -> int | None | SubsetJobRequestMaxRowsPerTableType1 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                max_rows_per_table_type_1 = (
                    SubsetJobRequestMaxRowsPerTableType1.from_dict(data)
                )

                return max_rows_per_table_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(int | None | SubsetJobRequestMaxRowsPerTableType1 | Unset, data)

        max_rows_per_table = _parse_max_rows_per_table(
            d.pop("max_rows_per_table", UNSET)
        )

        _mode = d.pop("mode", UNSET)
        mode: SubsetJobRequestMode | Unset
        if isinstance(_mode, Unset):
            mode = UNSET
        else:
            mode = SubsetJobRequestMode.from_dict(_mode)

        _relationship_overrides = d.pop("relationship_overrides", UNSET)
        relationship_overrides: list[RelationshipOverride] | Unset = UNSET
        if _relationship_overrides is not UNSET:
            relationship_overrides = []
            for relationship_overrides_item_data in _relationship_overrides:
                relationship_overrides_item = RelationshipOverride.from_dict(
                    relationship_overrides_item_data
                )

                relationship_overrides.append(relationship_overrides_item)

        def _parse_sampling_pct(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        sampling_pct = _parse_sampling_pct(d.pop("sampling_pct", UNSET))

        seed = d.pop("seed", UNSET)

        subset_job_request = cls(
            root_table=root_table,
            schema_version_id=schema_version_id,
            connection_id=connection_id,
            connection_string=connection_string,
            cut_nullable_fks=cut_nullable_fks,
            date_range=date_range,
            filters=filters,
            include_children_of_parents=include_children_of_parents,
            max_depth=max_depth,
            max_rows_per_table=max_rows_per_table,
            mode=mode,
            relationship_overrides=relationship_overrides,
            sampling_pct=sampling_pct,
            seed=seed,
        )

        return subset_job_request
