from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.smoke_query_expect import SmokeQueryExpect, check_smoke_query_expect
from ..types import UNSET, Unset

T = TypeVar("T", bound="SmokeQuery")


@_attrs_define
class SmokeQuery:
    """
    Attributes:
        name (str):
        sql (str): A read-only query run on the target
        expect (SmokeQueryExpect | Unset):  Default: 'non_empty'.
        expected_value (Any | Unset):
    """

    name: str
    sql: str
    expect: SmokeQueryExpect | Unset = "non_empty"
    expected_value: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        sql = self.sql

        expect: str | Unset = UNSET
        if not isinstance(self.expect, Unset):
            expect = self.expect

        expected_value = self.expected_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "sql": sql,
            }
        )
        if expect is not UNSET:
            field_dict["expect"] = expect
        if expected_value is not UNSET:
            field_dict["expected_value"] = expected_value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        sql = d.pop("sql")

        _expect = d.pop("expect", UNSET)
        expect: SmokeQueryExpect | Unset
        if isinstance(_expect, Unset):
            expect = UNSET
        else:
            expect = check_smoke_query_expect(_expect)

        expected_value = d.pop("expected_value", UNSET)

        smoke_query = cls(
            name=name,
            sql=sql,
            expect=expect,
            expected_value=expected_value,
        )

        smoke_query.additional_properties = d
        return smoke_query

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
