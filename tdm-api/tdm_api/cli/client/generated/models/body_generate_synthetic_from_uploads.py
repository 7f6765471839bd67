from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, Unset

T = TypeVar("T", bound="BodyGenerateSyntheticFromUploads")


@_attrs_define
class BodyGenerateSyntheticFromUploads:
    """
    Attributes:
        request (str): The rest of the request, as the JSON body of POST /synthetic
        api_spec (None | str | Unset): An OpenAPI 3.x / Swagger 2 file
        test_case_files (list[str] | None | Unset): Cucumber .feature, Playwright or Selenium files
    """

    request: str
    api_spec: None | str | Unset = UNSET
    test_case_files: list[str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        request = self.request

        api_spec: None | str | Unset
        if isinstance(self.api_spec, Unset):
            api_spec = UNSET
        else:
            api_spec = self.api_spec

        test_case_files: list[str] | None | Unset
        if isinstance(self.test_case_files, Unset):
            test_case_files = UNSET
        elif isinstance(self.test_case_files, list):
            test_case_files = self.test_case_files

        else:
            test_case_files = self.test_case_files

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "request": request,
            }
        )
        if api_spec is not UNSET:
            field_dict["api_spec"] = api_spec
        if test_case_files is not UNSET:
            field_dict["test_case_files"] = test_case_files

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("request", (None, str(self.request).encode(), "text/plain")))

        if not isinstance(self.api_spec, Unset):
            if isinstance(self.api_spec, str):
                files.append(
                    ("api_spec", (None, str(self.api_spec).encode(), "text/plain"))
                )
            else:
                files.append(
                    ("api_spec", (None, str(self.api_spec).encode(), "text/plain"))
                )

        if not isinstance(self.test_case_files, Unset):
            if isinstance(self.test_case_files, list):
                for test_case_files_type_0_item_element in self.test_case_files:
                    files.append(
                        (
                            "test_case_files",
                            (
                                None,
                                str(test_case_files_type_0_item_element).encode(),
                                "text/plain",
                            ),
                        )
                    )
            else:
                files.append(
                    (
                        "test_case_files",
                        (None, str(self.test_case_files).encode(), "text/plain"),
                    )
                )

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        request = d.pop("request")

        def _parse_api_spec(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        api_spec = _parse_api_spec(d.pop("api_spec", UNSET))

        def _parse_test_case_files(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                test_case_files_type_0 = cast(list[str], data)

                return test_case_files_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        test_case_files = _parse_test_case_files(d.pop("test_case_files", UNSET))

        body_generate_synthetic_from_uploads = cls(
            request=request,
            api_spec=api_spec,
            test_case_files=test_case_files,
        )

        body_generate_synthetic_from_uploads.additional_properties = d
        return body_generate_synthetic_from_uploads

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
