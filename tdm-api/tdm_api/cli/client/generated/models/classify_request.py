from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ClassifyRequest")


@_attrs_define
class ClassifyRequest:
    """Classify the columns of a discovered schema version (sampled from its source).

    Attributes:
        schema_version_id (UUID):
        sample_size_per_column (int | Unset): Non-null values sampled per column Default: 100.
        use_llm (bool | Unset): Also ask the configured LLM (names, types and value shapes only; skipped and logged when
            none is configured) Default: False.
    """

    schema_version_id: UUID
    sample_size_per_column: int | Unset = 100
    use_llm: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        schema_version_id = str(self.schema_version_id)

        sample_size_per_column = self.sample_size_per_column

        use_llm = self.use_llm

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "schema_version_id": schema_version_id,
            }
        )
        if sample_size_per_column is not UNSET:
            field_dict["sample_size_per_column"] = sample_size_per_column
        if use_llm is not UNSET:
            field_dict["use_llm"] = use_llm

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        schema_version_id = UUID(d.pop("schema_version_id"))

        sample_size_per_column = d.pop("sample_size_per_column", UNSET)

        use_llm = d.pop("use_llm", UNSET)

        classify_request = cls(
            schema_version_id=schema_version_id,
            sample_size_per_column=sample_size_per_column,
            use_llm=use_llm,
        )

        return classify_request
