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
    from ..models.generalize_options import GeneralizeOptions


T = TypeVar("T", bound="MaskGeneralizeRuleEntry")


@_attrs_define
class MaskGeneralizeRuleEntry:
    """Generalize: dates to month/year, numbers to bucket lower bounds, postcodes to a prefix.

    Attributes:
        column (str): Column of that table
        options (GeneralizeOptions):
        table (str): Table key, e.g. 'customers' or 'sales.staff'
        type_ (Literal['mask.generalize']): The rule type
    """

    column: str
    options: GeneralizeOptions
    table: str
    type_: Literal["mask.generalize"]

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
        from ..models.generalize_options import GeneralizeOptions

        d = dict(src_dict)
        column = d.pop("column")

        options = GeneralizeOptions.from_dict(d.pop("options"))

        table = d.pop("table")

        type_ = cast(Literal["mask.generalize"], d.pop("type"))
        if type_ != "mask.generalize":
            raise ValueError(f"type must match const 'mask.generalize', got '{type_}'")

        mask_generalize_rule_entry = cls(
            column=column,
            options=options,
            table=table,
            type_=type_,
        )

        return mask_generalize_rule_entry
