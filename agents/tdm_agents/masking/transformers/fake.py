"""Deterministic fakes: names, addresses, phones, companies from a per-(locale, kind) pool.

Faker runs once per (key, locale, kind) to fill a pool; each row picks its fake with an HMAC of
the original value, so no Faker call happens per row and the same input always gets the same
fake. On a unique source column a keyed suffix is appended, so distinct inputs stay distinct
(48 extra bits on top of the pool index).
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from faker.config import AVAILABLE_LOCALES
from pydantic import BaseModel, Field, field_validator

from tdm_agents.common.seeded_faker import seeded_faker
from tdm_agents.masking.arrow_text import fixed_width_strings, hex_chars
from tdm_agents.masking.context import MaskContext
from tdm_agents.masking.keyed_hash import index_from_digests
from tdm_agents.masking.transformers.base import (
    ColumnScope,
    Guarantees,
    RuleOptions,
    Transformer,
    as_text,
    one_way,
)


class FakeOptions(RuleOptions):
    locale: str = Field(
        "en_US",
        description="Faker locale, e.g. en_US, de_DE, fr_FR, ja_JP",
        json_schema_extra={"enum": [*sorted(AVAILABLE_LOCALES)]},
    )
    unique_suffix: bool | None = Field(
        None,
        description="Append a keyed suffix so distinct inputs stay distinct; default: only on unique columns",
    )

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        if value not in AVAILABLE_LOCALES:
            raise ValueError(f"unknown Faker locale {value!r}")
        return value


def fake_pool(ctx: MaskContext, locale: str, kind: str) -> pa.Array:
    """Distinct fakes of one kind, generated once per run from a seed derived from the key."""

    def build() -> pa.Array:
        faker = seeded_faker(locale, int.from_bytes(ctx.subkey(f"faker-seed:{locale}:{kind}", 8), "big"))
        produce = getattr(faker, kind)
        seen: dict[str, None] = {}
        # A few extra draws make up for duplicates; the pool order stays deterministic.
        for _ in range(ctx.fake_pool_size * 2):
            seen.setdefault(" ".join(str(produce()).split()).replace(" ,", ","), None)
            if len(seen) >= ctx.fake_pool_size:
                break
        return pa.array(list(seen), pa.string())

    return ctx.cached(("fake-pool", ctx.key_id, locale, kind, ctx.fake_pool_size), build)


class _FakeTransformer(Transformer):
    faker_method: ClassVar[str]
    categories: ClassVar[frozenset[str]] = frozenset({"string", "other"})
    options_model: ClassVar[type[BaseModel]] = FakeOptions
    remembers_outputs: ClassVar[bool] = True
    guarantees: ClassVar[Guarantees] = one_way(format_preserving=True, leak_check="none")

    def __init_subclass__(cls, *, rule: str, faker_method: str, fakes: str, **kwargs: Any) -> None:
        """A rule `mask.<rule>` giving a Faker `faker_method` value, described as a realistic `fakes`."""
        super().__init_subclass__(**kwargs)
        cls.name = f"mask.{rule}"
        cls.description = f"A realistic {fakes} for the locale, the same for the same input."
        cls.faker_method = faker_method

    def resolve_options(self, options: BaseModel, column_unique: bool) -> BaseModel:
        assert isinstance(options, FakeOptions)
        if options.unique_suffix is None:
            # Fixed at validation time so every FK column that inherits the rule masks identically.
            return options.model_copy(update={"unique_suffix": column_unique})
        return options

    def effective_guarantees(self, options: BaseModel) -> Guarantees:
        assert isinstance(options, FakeOptions)
        # The 48-bit keyed suffix makes collisions negligible, which FK propagation relies on.
        return self.guarantees.model_copy(update={"unique_preserving": bool(options.unique_suffix)})

    def transform(
        self, values: pa.Array, options: BaseModel, scope: ColumnScope, ctx: MaskContext
    ) -> pa.Array:
        assert isinstance(options, FakeOptions)
        pool = fake_pool(ctx, options.locale, self.faker_method)
        digests = ctx.keyed_hash(f"{self.name}:{options.locale}").digest_array(as_text(values))
        fakes = pool.take(pa.array(index_from_digests(digests, len(pool))))
        suffixed = options.unique_suffix if options.unique_suffix is not None else scope.unique
        if not suffixed:
            return fakes
        suffix = fixed_width_strings(hex_chars(np.ascontiguousarray(digests[:, 8:14])))
        return pc.binary_join_element_wise(fakes, suffix, " ")


class FakeNameTransformer(_FakeTransformer, rule="fake_name", faker_method="name", fakes="full name"):
    pass


class FakeFirstNameTransformer(
    _FakeTransformer, rule="fake_first_name", faker_method="first_name", fakes="first name"
):
    pass


class FakeLastNameTransformer(
    _FakeTransformer, rule="fake_last_name", faker_method="last_name", fakes="last name"
):
    pass


class FakeAddressTransformer(
    _FakeTransformer, rule="fake_address", faker_method="address", fakes="one-line postal address"
):
    pass


class FakePhoneTransformer(
    _FakeTransformer, rule="fake_phone", faker_method="phone_number", fakes="phone number"
):
    pass


class FakeCompanyTransformer(
    _FakeTransformer, rule="fake_company", faker_method="company", fakes="company name"
):
    pass
