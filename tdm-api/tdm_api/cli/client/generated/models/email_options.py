from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.email_options_domain_policy import (
    EmailOptionsDomainPolicy,
    check_email_options_domain_policy,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="EmailOptions")


@_attrs_define
class EmailOptions:
    """
    Attributes:
        case_insensitive (bool | Unset): Treat addresses differing only in case as the same address Default: True.
        domain_policy (EmailOptionsDomainPolicy | Unset): keep the original domain, use `fixed_domain`, or a keyed hash
            label under `hashed_suffix` Default: 'fixed'.
        fixed_domain (str | Unset): Domain for domain_policy=fixed Default: 'example.com'.
        hashed_suffix (str | Unset): Parent domain for domain_policy=hashed Default: 'example.net'.
        local_length (int | Unset): Hex characters of the keyed hash in the local part Default: 16.
        local_prefix (str | Unset): Text before the hashed local part Default: 'user'.
    """

    case_insensitive: bool | Unset = True
    domain_policy: EmailOptionsDomainPolicy | Unset = "fixed"
    fixed_domain: str | Unset = "example.com"
    hashed_suffix: str | Unset = "example.net"
    local_length: int | Unset = 16
    local_prefix: str | Unset = "user"

    def to_dict(self) -> dict[str, Any]:
        case_insensitive = self.case_insensitive

        domain_policy: str | Unset = UNSET
        if not isinstance(self.domain_policy, Unset):
            domain_policy = self.domain_policy

        fixed_domain = self.fixed_domain

        hashed_suffix = self.hashed_suffix

        local_length = self.local_length

        local_prefix = self.local_prefix

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if case_insensitive is not UNSET:
            field_dict["case_insensitive"] = case_insensitive
        if domain_policy is not UNSET:
            field_dict["domain_policy"] = domain_policy
        if fixed_domain is not UNSET:
            field_dict["fixed_domain"] = fixed_domain
        if hashed_suffix is not UNSET:
            field_dict["hashed_suffix"] = hashed_suffix
        if local_length is not UNSET:
            field_dict["local_length"] = local_length
        if local_prefix is not UNSET:
            field_dict["local_prefix"] = local_prefix

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        case_insensitive = d.pop("case_insensitive", UNSET)

        _domain_policy = d.pop("domain_policy", UNSET)
        domain_policy: EmailOptionsDomainPolicy | Unset
        if isinstance(_domain_policy, Unset):
            domain_policy = UNSET
        else:
            domain_policy = check_email_options_domain_policy(_domain_policy)

        fixed_domain = d.pop("fixed_domain", UNSET)

        hashed_suffix = d.pop("hashed_suffix", UNSET)

        local_length = d.pop("local_length", UNSET)

        local_prefix = d.pop("local_prefix", UNSET)

        email_options = cls(
            case_insensitive=case_insensitive,
            domain_policy=domain_policy,
            fixed_domain=fixed_domain,
            hashed_suffix=hashed_suffix,
            local_length=local_length,
            local_prefix=local_prefix,
        )

        return email_options
