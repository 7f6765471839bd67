from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.drift_gate_out_baseline import (
    DriftGateOutBaseline,
    check_drift_gate_out_baseline,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.drift_gate_blocker import DriftGateBlocker


T = TypeVar("T", bound="DriftGateOut")


@_attrs_define
class DriftGateOut:
    """The drift gate of a schema: open when every drifted column is ruled or reviewed as not personal.

    Attributes:
        baseline (DriftGateOutBaseline): How the baseline was chosen: the given rule set's or version, the newest rule
            set saved for this schema, else the version before the newest
        baseline_version (int | None):
        baseline_version_id (None | UUID):
        blockers (list[DriftGateBlocker]):
        drifted_columns (int): Columns added or changed since the baseline
        latest_version (int | None):
        latest_version_id (None | UUID):
        open_ (bool):
        resolved_columns (int): Drifted columns that are ruled or reviewed as not personal
        schema_id (UUID):
        rule_set_id (None | Unset | UUID): The rule set whose schema version is the baseline
    """

    baseline: DriftGateOutBaseline
    baseline_version: int | None
    baseline_version_id: None | UUID
    blockers: list[DriftGateBlocker]
    drifted_columns: int
    latest_version: int | None
    latest_version_id: None | UUID
    open_: bool
    resolved_columns: int
    schema_id: UUID
    rule_set_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        baseline: str = self.baseline

        baseline_version: int | None
        baseline_version = self.baseline_version

        baseline_version_id: None | str
        if isinstance(self.baseline_version_id, UUID):
            baseline_version_id = str(self.baseline_version_id)
        else:
            baseline_version_id = self.baseline_version_id

        blockers = []
        for blockers_item_data in self.blockers:
            blockers_item = blockers_item_data.to_dict()
            blockers.append(blockers_item)

        drifted_columns = self.drifted_columns

        latest_version: int | None
        latest_version = self.latest_version

        latest_version_id: None | str
        if isinstance(self.latest_version_id, UUID):
            latest_version_id = str(self.latest_version_id)
        else:
            latest_version_id = self.latest_version_id

        open_ = self.open_

        resolved_columns = self.resolved_columns

        schema_id = str(self.schema_id)

        rule_set_id: None | str | Unset
        if isinstance(self.rule_set_id, Unset):
            rule_set_id = UNSET
        elif isinstance(self.rule_set_id, UUID):
            rule_set_id = str(self.rule_set_id)
        else:
            rule_set_id = self.rule_set_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "baseline": baseline,
                "baseline_version": baseline_version,
                "baseline_version_id": baseline_version_id,
                "blockers": blockers,
                "drifted_columns": drifted_columns,
                "latest_version": latest_version,
                "latest_version_id": latest_version_id,
                "open": open_,
                "resolved_columns": resolved_columns,
                "schema_id": schema_id,
            }
        )
        if rule_set_id is not UNSET:
            field_dict["rule_set_id"] = rule_set_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.drift_gate_blocker import DriftGateBlocker

        d = dict(src_dict)
        baseline = check_drift_gate_out_baseline(d.pop("baseline"))

        def _parse_baseline_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        baseline_version = _parse_baseline_version(d.pop("baseline_version"))

        def _parse_baseline_version_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                baseline_version_id_type_0 = UUID(data)

                return baseline_version_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        baseline_version_id = _parse_baseline_version_id(d.pop("baseline_version_id"))

        blockers = []
        _blockers = d.pop("blockers")
        for blockers_item_data in _blockers:
            blockers_item = DriftGateBlocker.from_dict(blockers_item_data)

            blockers.append(blockers_item)

        drifted_columns = d.pop("drifted_columns")

        def _parse_latest_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        latest_version = _parse_latest_version(d.pop("latest_version"))

        def _parse_latest_version_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                latest_version_id_type_0 = UUID(data)

                return latest_version_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        latest_version_id = _parse_latest_version_id(d.pop("latest_version_id"))

        open_ = d.pop("open")

        resolved_columns = d.pop("resolved_columns")

        schema_id = UUID(d.pop("schema_id"))

        def _parse_rule_set_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rule_set_id_type_0 = UUID(data)

                return rule_set_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        rule_set_id = _parse_rule_set_id(d.pop("rule_set_id", UNSET))

        drift_gate_out = cls(
            baseline=baseline,
            baseline_version=baseline_version,
            baseline_version_id=baseline_version_id,
            blockers=blockers,
            drifted_columns=drifted_columns,
            latest_version=latest_version,
            latest_version_id=latest_version_id,
            open_=open_,
            resolved_columns=resolved_columns,
            schema_id=schema_id,
            rule_set_id=rule_set_id,
        )

        drift_gate_out.additional_properties = d
        return drift_gate_out

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
