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

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.redact_options import RedactOptions


T = TypeVar("T", bound="MaskRedactRuleEntry")


@_attrs_define
class MaskRedactRuleEntry:
    """Replace text with a fixed marker, or with one mask character per character.

    Attributes:
        column (str): Column of that table
        table (str): Table key, e.g. 'customers' or 'sales.staff'
        type_ (Literal['mask.redact']): The rule type
        options (RedactOptions | Unset):
    """

    column: str
    table: str
    type_: Literal["mask.redact"]
    options: RedactOptions | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        column = self.column

        table = self.table

        type_ = self.type_

        options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "column": column,
                "table": table,
                "type": type_,
            }
        )
        if options is not UNSET:
            field_dict["options"] = options

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.redact_options import RedactOptions

        d = dict(src_dict)
        column = d.pop("column")

        table = d.pop("table")

        type_ = cast(Literal["mask.redact"], d.pop("type"))
        if type_ != "mask.redact":
            raise ValueError(f"type must match const 'mask.redact', got '{type_}'")

        _options = d.pop("options", UNSET)
        options: RedactOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = RedactOptions.from_dict(_options)

        mask_redact_rule_entry = cls(
            column=column,
            table=table,
            type_=type_,
            options=options,
        )

        return mask_redact_rule_entry
