"""`seeded_faker` gives, draw by draw, what a plain seeded Faker gives: the pools built from it (and
so every masked and generated value) stay what they were."""

from __future__ import annotations

from collections import OrderedDict

import pytest
from faker import Faker

from tdm_agents.common.seeded_faker import seeded_faker

KINDS = (
    "name",
    "first_name",
    "last_name",
    "address",
    "street_address",
    "city",
    "company",
    "job",
    "phone_number",
    "user_name",
    "country",
    "ipv4_public",
    "color_name",
    "sentence",
)


def _plain(locale: str, seed: int) -> Faker:
    faker = Faker(locale)
    faker.seed_instance(seed)
    return faker


@pytest.mark.parametrize("locale", ["en_US", "de_DE", "fr_FR", "ja_JP", "pt_BR", "hi_IN"])
def test_every_draw_is_the_plain_seeded_fakers(locale):
    for seed, kind in enumerate(KINDS):
        plain, fast = _plain(locale, seed), seeded_faker(locale, seed)
        if not hasattr(plain, kind):
            continue
        expected = [getattr(plain, kind)() for _ in range(300)]
        assert [getattr(fast, kind)() for _ in range(300)] == expected, (locale, kind)


def test_weighted_draws_of_every_length_and_mode_match():
    weights = OrderedDict([("a", 0.5), ("b", 0.25), ("c", 0.2), ("d", 0.05)])
    plain, fast = _plain("en_US", 7), seeded_faker("en_US", 7)
    for call in (
        lambda f: f.random_element(weights),
        lambda f: f.random_elements(weights, length=3),
        lambda f: f.random_elements(weights, length=2, unique=True),
        lambda f: f.random_elements(weights, length=1, use_weighting=False),
        lambda f: f.random_element(("x", "y", "z")),
    ):
        assert [call(fast) for _ in range(200)] == [call(plain) for _ in range(200)]


def test_weights_that_cannot_be_drawn_from_fail_as_in_faker():
    fast = seeded_faker("en_US", 1)
    with pytest.raises(ValueError):
        fast.random_element(OrderedDict([("a", 0.0), ("b", 0.0)]))
