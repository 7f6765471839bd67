"""mask.fake_ip: a deterministic, valid IP address in place of each address.

Addresses in `inet`/`cidr` columns (or text) must still parse after masking, or the dataset
cannot be loaded back; a digest cannot. The output is drawn from the HMAC of the value inside a
configurable network (default 10.0.0.0/8, private and never routed), keeping a prefix length
when the input had one.
"""

from __future__ import annotations

import ipaddress
from typing import ClassVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel, Field, ValidationInfo, field_validator

from tdm_agents.masking.context import MaskContext
from tdm_agents.masking.transformers.base import ColumnScope, Guarantees, RuleOptions, Transformer, one_way


class FakeIpOptions(RuleOptions):
    ipv4_network: str = Field(
        "10.0.0.0/8", max_length=18, description="IPv4 addresses are drawn from this network"
    )
    ipv6_network: str = Field(
        "fd00::/8", max_length=43, description="IPv6 addresses are drawn from this network"
    )

    @field_validator("ipv4_network", "ipv6_network")
    @classmethod
    def _network(cls, value: str, info: ValidationInfo) -> str:
        network = ipaddress.ip_network(value, strict=False)
        if f"ipv{network.version}" != str(info.field_name)[:4]:
            raise ValueError(f"{info.field_name} needs an IPv{str(info.field_name)[3]} network")
        if network.num_addresses < 256:
            raise ValueError("the network must hold at least 256 addresses")
        return str(network)


def _draw(network: ipaddress.IPv4Network | ipaddress.IPv6Network, words: np.ndarray) -> list[str]:
    size = min(network.num_addresses, 2**64)
    base = int(network.network_address)
    return [str(ipaddress.ip_address(base + int(w) % size)) for w in words]


class FakeIpTransformer(Transformer):
    name: ClassVar[str] = "mask.fake_ip"
    description: ClassVar[str] = (
        "Replace IP addresses by deterministic valid addresses inside a private network (keeps /prefix)."
    )
    categories: ClassVar[frozenset[str]] = frozenset({"network", "string", "other"})
    options_model: ClassVar[type[BaseModel]] = FakeIpOptions
    remembers_outputs: ClassVar[bool] = True
    guarantees: ClassVar[Guarantees] = one_way(format_preserving=True, leak_check="any")

    def transform(
        self, values: pa.Array, options: BaseModel, scope: ColumnScope, ctx: MaskContext
    ) -> pa.Array:
        assert isinstance(options, FakeIpOptions)
        text = pc.cast(values, pa.string()) if not pa.types.is_string(values.type) else values
        digests = ctx.keyed_hash(self.name).digest_array(text)
        words = np.ascontiguousarray(digests[:, :8]).view("<u8").ravel()
        v4 = ipaddress.ip_network(options.ipv4_network)
        v6 = ipaddress.ip_network(options.ipv6_network)
        out: list[str | None] = []
        for raw, word in zip(text.to_pylist(), words, strict=True):
            if raw is None:
                out.append(None)
                continue
            address, _, prefix = raw.partition("/")
            network = v6 if ":" in address else v4
            fake = _draw(network, np.asarray([word]))[0]
            out.append(f"{fake}/{prefix}" if prefix and prefix not in ("32", "128") else fake)
        return pa.array(out, type=pa.string())
