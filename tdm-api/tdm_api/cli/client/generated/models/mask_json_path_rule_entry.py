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


T = TypeVar("T", bound="MaskJsonPathRuleEntry")


@_attrs_define
class MaskJsonPathRuleEntry:
    """Apply another rule to the values at given paths inside JSON/JSONB documents.

    Attributes:
        column (str): Column of that table
        options (JsonPathOptions):
        table (str): Table key, e.g. 'customers' or 'sales.staff'
        type_ (Literal['mask.json_path']): The rule type
    """

    column: str
    options: JsonPathOptions
    table: str
    type_: Literal["mask.json_path"]

    def to_dict(self) -> dict[str, Any]:
        column = self.column

        options = self.options.to_dict()

        table = self.table

        type_ = self.type_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "column": column,
                "options": options,
                "table": table,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.json_path_options import JsonPathOptions

        d = dict(src_dict)
        column = d.pop("column")

        options = JsonPathOptions.from_dict(d.pop("options"))

        table = d.pop("table")

        type_ = cast(Literal["mask.json_path"], d.pop("type"))
        if type_ != "mask.json_path":
            raise ValueError(f"type must match const 'mask.json_path', got '{type_}'")

        mask_json_path_rule_entry = cls(
            column=column,
            options=options,
            table=table,
            type_=type_,
        )

        return mask_json_path_rule_entry
