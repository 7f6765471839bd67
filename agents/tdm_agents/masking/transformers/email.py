"""mask.email_deterministic: same address -> same masked address, always valid syntax."""

from __future__ import annotations

from typing import ClassVar, Literal

import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel, Field

from tdm_agents.masking.arrow_text import fixed_width_strings, hex_chars
from tdm_agents.masking.context import MaskContext
from tdm_agents.masking.transformers.base import (
    ColumnScope,
    Guarantees,
    RuleOptions,
    Transformer,
    as_text,
    one_way,
)

_DOMAIN_LABEL = r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$"


class EmailOptions(RuleOptions):
    domain_policy: Literal["keep", "fixed", "hashed"] = Field(
        "fixed",
        description="keep the original domain, use `fixed_domain`, or a keyed hash label under `hashed_suffix`",
    )
    fixed_domain: str = Field(
        "example.com", pattern=_DOMAIN_LABEL, description="Domain for domain_policy=fixed"
    )
    hashed_suffix: str = Field(
        "example.net", pattern=_DOMAIN_LABEL, description="Parent domain for domain_policy=hashed"
    )
    local_prefix: str = Field(
        "user", pattern=r"^[a-z0-9._-]{0,16}$", description="Text before the hashed local part"
    )
    local_length: int = Field(
        16, ge=12, le=40, description="Hex characters of the keyed hash in the local part"
    )
    case_insensitive: bool = Field(
        True, description="Treat addresses differing only in case as the same address"
    )


class EmailTransformer(Transformer):
    name: ClassVar[str] = "mask.email_deterministic"
    description: ClassVar[str] = "Replace the local part by a keyed hash; keep, fix or hash the domain."
    categories: ClassVar[frozenset[str]] = frozenset({"string", "other"})
    options_model: ClassVar[type[BaseModel]] = EmailOptions
    remembers_outputs: ClassVar[bool] = True
    guarantees: ClassVar[Guarantees] = one_way(
        format_preserving=True, leak_check="any", unique_preserving=True
    )

    def transform(
        self, values: pa.Array, options: BaseModel, scope: ColumnScope, ctx: MaskContext
    ) -> pa.Array:
        assert isinstance(options, EmailOptions)
        text = as_text(values)
        if options.case_insensitive:
            text = pc.utf8_lower(text)
        hasher = ctx.keyed_hash(self.name)
        local_hex = hex_chars(hasher.digest_array(text)[:, : (options.local_length + 1) // 2])
        local = fixed_width_strings(local_hex[:, : options.local_length])
        if options.local_prefix:
            local = pc.binary_join_element_wise(options.local_prefix, local, "")
        domain = self._domain(text, options, ctx)
        return pc.binary_join_element_wise(local, domain, "@")

    def _domain(self, text: pa.Array, options: EmailOptions, ctx: MaskContext) -> pa.Array:
        if options.domain_policy == "fixed":
            return pa.repeat(pa.scalar(options.fixed_domain), len(text))
        parts = pc.extract_regex(text, r"^.*@(?P<domain>[^@\s]+)$")
        original = pc.utf8_lower(parts.field("domain"))
        # Text without a usable domain still becomes a valid address.
        usable = pc.and_(pc.is_valid(parts), pc.match_substring_regex(original, _DOMAIN_LABEL))
        if options.domain_policy == "keep":
            return pc.if_else(usable, original, pa.scalar(options.fixed_domain))
        label_hex = hex_chars(ctx.keyed_hash(f"{self.name}:domain").digest_array(original)[:, :5])
        hashed = pc.binary_join_element_wise(
            "d", fixed_width_strings(label_hex), "." + options.hashed_suffix, ""
        )
        return pc.if_else(usable, hashed, pa.scalar(options.fixed_domain))
