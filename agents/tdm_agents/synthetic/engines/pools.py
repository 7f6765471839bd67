"""Value pools: Faker runs once per semantic type to fill a pool; rows draw from it by index.

Pools are seeded from the generation seed, so the same seed and locale give the same pools.
A pool is an Arrow string array of distinct values (as many as Faker produces within a bounded
number of calls).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from faker import Faker
from faker.config import AVAILABLE_LOCALES

from tdm_agents.common.seeded_faker import seeded_faker
from tdm_agents.synthetic.errors import SyntheticRequestError

_PRODUCERS: dict[str, Callable[[Faker], str]] = {
    "first_name": lambda f: f.first_name(),
    "last_name": lambda f: f.last_name(),
    "username": lambda f: f.user_name(),
    "email_domain": lambda f: f.free_email_domain(),
    "street_address": lambda f: f.street_address(),
    "city": lambda f: f.city(),
    "state": lambda f: f.state() if hasattr(f, "state") else f.city(),
    "country": lambda f: f.country(),
    "country_code": lambda f: f.country_code(),
    "postcode": lambda f: f.postcode(),
    "company": lambda f: f.company(),
    "job": lambda f: f.job(),
    "phone": lambda f: f.phone_number(),
    "url": lambda f: f.url(),
    "ipv4": lambda f: f.ipv4_public(),
    "mac_address": lambda f: f.mac_address(),
    "iban": lambda f: f.iban(),
    "credit_card": lambda f: f.credit_card_number(),
    "currency_code": lambda f: f.currency_code(),
    "text": lambda f: f.sentence(nb_words=8),
    "word": lambda f: f.word(),
    "product_name": lambda f: f"{f.color_name()} {f.word().capitalize()}",
    "color": lambda f: f.color_name(),
    "license_plate": lambda f: f.license_plate(),
    "msisdn": lambda f: f.msisdn(),
    "imei": lambda f: f.numerify("35##########%#"),
    "sku": lambda f: f.bothify("???-#####").upper(),
    "icd10": lambda f: f.bothify("?##.#").upper(),
    "policy_number": lambda f: f.bothify("POL-########"),
    "account_number": lambda f: f.numerify("##########"),
}

# Names that exercise encodings, accents, scripts and quoting: for the `edge_cases` scenario.
UNICODE_NAMES: tuple[str, ...] = (
    "Zoë Ångström",
    "José Ñúñez",
    "Łukasz Żółć",
    "Søren Kierkegård",
    "Nguyễn Thị Minh Khai",
    "李小龍",
    "山田 太郎",
    "Александр Пушкин",
    "محمد علي",
    "O'Connor-Smith",
    "Ævar Þórsson",
    "Dvořák Čeněk",
)


# Producers that cost 30-100 µs a call get smaller pools; combining pools restores variety.
_SLOW_TYPES = frozenset({"first_name", "last_name", "username", "street_address", "city", "company", "url"})
_SLOW_POOL_CAP = 5_000
# Stop filling a pool once a window of draws adds almost nothing new (Faker's lists are finite).
_WINDOW, _MIN_NEW_IN_WINDOW = 500, 10


def has_pool(semantic_type: str) -> bool:
    """True when the rules engine can fill a pool for this semantic type."""
    return semantic_type in _PRODUCERS or semantic_type == "full_name"


class ValuePools:
    """Pools per semantic type for one generation run (one seed, one locale)."""

    def __init__(self, seed: int, locale: str, size: int) -> None:
        if locale not in AVAILABLE_LOCALES:
            raise SyntheticRequestError(f"unknown locale {locale!r}")
        self._seed, self._locale, self._size = seed, locale, size
        self._pools: dict[str, pa.Array] = {}

    def get(self, semantic_type: str, size: int | None = None) -> pa.Array:
        """The pool of `semantic_type` (built on first use); at most `size` values when given."""
        wanted = min(size or self._size, self._size)
        key = f"{semantic_type}:{wanted}"
        if key not in self._pools:
            self._pools[key] = self._build(semantic_type, wanted)
        return self._pools[key]

    def _build(self, semantic_type: str, size: int) -> pa.Array:
        if semantic_type == "full_name":
            return self._full_names(size)
        if semantic_type in _SLOW_TYPES:
            size = min(size, _SLOW_POOL_CAP)
        produce = _PRODUCERS[semantic_type]
        # A stable per-type seed: the same seed gives the same pool whatever else is generated.
        faker = seeded_faker(self._locale, zlib.crc32(f"{self._seed}:{semantic_type}".encode()))
        seen: dict[str, None] = {}
        window_start = 0
        for draw in range(1, size * 2 + 1):
            seen.setdefault(" ".join(str(produce(faker)).split()), None)
            if len(seen) >= size:
                break
            if draw % _WINDOW == 0:
                if len(seen) - window_start < _MIN_NEW_IN_WINDOW:
                    break
                window_start = len(seen)
        return pa.array(list(seen), pa.string())

    def _full_names(self, size: int) -> pa.Array:
        """First and last names combined by index: many more distinct names than Faker calls."""
        first, last = self.get("first_name"), self.get("last_name")
        rng = np.random.default_rng(zlib.crc32(f"{self._seed}:full_name".encode()))
        pick_first = first.take(pa.array(rng.integers(0, len(first), size)))
        pick_last = last.take(pa.array(rng.integers(0, len(last), size)))
        return pc.binary_join_element_wise(pick_first, pick_last, " ")
