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


T = TypeVar("T", bound="MaskGeneralizeRule")


@_attrs_define
class MaskGeneralizeRule:
    """Generalize: dates to month/year, numbers to bucket lower bounds, postcodes to a prefix.

    Attributes:
        options (GeneralizeOptions):
        type_ (Literal['mask.generalize']): The rule type
    """

    options: GeneralizeOptions
    type_: Literal["mask.generalize"]

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
        from ..models.generalize_options import GeneralizeOptions

        d = dict(src_dict)
        options = GeneralizeOptions.from_dict(d.pop("options"))

        type_ = cast(Literal["mask.generalize"], d.pop("type"))
        if type_ != "mask.generalize":
            raise ValueError(f"type must match const 'mask.generalize', got '{type_}'")

        mask_generalize_rule = cls(
            options=options,
            type_=type_,
        )

        return mask_generalize_rule
