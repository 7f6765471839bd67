from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="FakeIpOptions")


@_attrs_define
class FakeIpOptions:
    """
    Attributes:
        ipv4_network (str | Unset): IPv4 addresses are drawn from this network Default: '10.0.0.0/8'.
        ipv6_network (str | Unset): IPv6 addresses are drawn from this network Default: 'fd00::/8'.
    """

    ipv4_network: str | Unset = "10.0.0.0/8"
    ipv6_network: str | Unset = "fd00::/8"

    def to_dict(self) -> dict[str, Any]:
        ipv4_network = self.ipv4_network

        ipv6_network = self.ipv6_network

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if ipv4_network is not UNSET:
            field_dict["ipv4_network"] = ipv4_network
        if ipv6_network is not UNSET:
            field_dict["ipv6_network"] = ipv6_network

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ipv4_network = d.pop("ipv4_network", UNSET)

        ipv6_network = d.pop("ipv6_network", UNSET)

        fake_ip_options = cls(
            ipv4_network=ipv4_network,
            ipv6_network=ipv6_network,
        )

        return fake_ip_options
