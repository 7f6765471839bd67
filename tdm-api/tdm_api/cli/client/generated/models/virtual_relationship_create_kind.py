from typing import Literal

VirtualRelationshipCreateKind = Literal["foreign_key", "primary_key"]

VIRTUAL_RELATIONSHIP_CREATE_KIND_VALUES: set[VirtualRelationshipCreateKind] = {
    "foreign_key",
    "primary_key",
}


def check_virtual_relationship_create_kind(value: str) -> VirtualRelationshipCreateKind:
    if value in VIRTUAL_RELATIONSHIP_CREATE_KIND_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VIRTUAL_RELATIONSHIP_CREATE_KIND_VALUES!r}"
    )
