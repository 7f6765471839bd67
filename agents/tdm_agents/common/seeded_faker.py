"""A seeded Faker whose weighted draws cost a bisection, giving the very values plain Faker gives.

Faker draws from a weighted list (first names, last names, name formats: an OrderedDict of value
to frequency) by copying the dict's weights and summing them on every call before it bisects: most
of the time a fake-value pool takes to build, for 1,000-name lists. Here each provider of the
instance sums a dict's weights once and then bisects those sums with one `random()` draw, which is
all `random.choices(population, weights)` does with them: the same draws give the same values, and
a test compares the two draw by draw across locales and kinds.
"""

from __future__ import annotations

import math
from bisect import bisect
from collections import OrderedDict
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import Any

from faker import Faker
from faker.providers import BaseProvider


def seeded_faker(locale: str, seed: int) -> Faker:
    """`Faker(locale)` seeded with `seed`, its weighted draws summed once per list."""
    faker = Faker(locale)
    faker.seed_instance(seed)
    for generator in faker.factories:
        for provider in generator.providers:
            provider.random_elements = _summing_weights_once(provider)  # type: ignore[method-assign]
    return faker


def _summing_weights_once(provider: BaseProvider) -> Callable[..., Sequence[Any]]:
    plain = provider.random_elements
    # id(dict) -> (the dict, its values, running sums of its weights, their total); the dict is
    # kept so that its id cannot be reused by another while the entry lives.
    summed: dict[int, tuple[OrderedDict, tuple[Any, ...], list[float], float]] = {}

    def random_elements(
        elements: Any = ("a", "b", "c"),
        length: int | None = None,
        unique: bool = False,
        use_weighting: bool | None = None,
    ) -> Sequence[Any]:
        weighted = provider.__use_weighting__ if use_weighting is None else use_weighting
        if length != 1 or unique or not weighted or not isinstance(elements, OrderedDict) or not elements:
            return plain(elements, length, unique, use_weighting)
        entry = summed.get(id(elements))
        if entry is None or entry[0] is not elements:
            sums = list(accumulate(elements.values()))
            entry = summed[id(elements)] = (elements, tuple(elements), sums, sums[-1] + 0.0)
        _, population, sums, total = entry
        if not 0.0 < total < math.inf:
            return plain(elements, length, unique, use_weighting)  # Faker's own error
        return [population[bisect(sums, provider.generator.random.random() * total, 0, len(population) - 1)]]

    return random_elements
