from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.json_path_options import JsonPathOptions


T = TypeVar("T", bound="MaskJsonPathRule")


@_attrs_define
class MaskJsonPathRule:
    """Apply another rule to the values at given paths inside JSON/JSONB documents.

    Attributes:
        options (JsonPathOptions):
        type_ (Literal['mask.json_path']): The rule type
    """

    options: JsonPathOptions
    type_: Literal["mask.json_path"]

    def to_dict(self) -> dict[str, Any]:
        options = self.options.to_dict()

        type_ = self.type_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "options": options,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.json_path_options import JsonPathOptions

        d = dict(src_dict)
        options = JsonPathOptions.from_dict(d.pop("options"))

        type_ = cast(Literal["mask.json_path"], d.pop("type"))
        if type_ != "mask.json_path":
            raise ValueError(f"type must match const 'mask.json_path', got '{type_}'")

        mask_json_path_rule = cls(
            options=options,
            type_=type_,
        )

        return mask_json_path_rule
