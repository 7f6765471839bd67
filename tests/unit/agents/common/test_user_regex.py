"""User regular expressions: RE2 only, within a size budget, for masking rules and synthetic patterns."""

from __future__ import annotations

import time

import pytest

from tdm_agents.common.user_regex import UnsafePatternError, check_user_pattern
from tdm_agents.synthetic.engines.values_text import pattern_pool
from tdm_agents.synthetic.errors import SyntheticRequestError


@pytest.mark.parametrize(
    ("pattern", "words"),
    [(r"(a)\1", "invalid escape"), ("(?=a)", "invalid perl operator"), ("(?<=a)b", "invalid perl operator"),
     ("a{1001}", "invalid repetition"), ("(" * 5, r"missing \)"), ("[a-z]{1000}" * 2, "too complex")],
)  # fmt: skip
def test_user_patterns_outside_linear_time_or_the_size_budget_are_refused(pattern, words):
    with pytest.raises(ValueError, match=words):
        check_user_pattern(pattern)


def test_ordinary_patterns_pass():
    for pattern in (r"\d{3}-\d{4}", "[A-Z]{2}[0-9]{6}", "(a+)+$", r"^[\w.+-]+@[\w-]+\.[a-z]{2,}$"):
        assert check_user_pattern(pattern) == pattern


def test_synthetic_patterns_from_specs_are_bounded_before_they_are_expanded():
    """A spec's `pattern` is expanded by rstr; nested repetitions would ask for 10^9 characters."""
    started = time.perf_counter()
    with pytest.raises(SyntheticRequestError, match="cannot generate values for pattern"):
        pattern_pool("((a{1000}){1000}){1000}", seed=1, size=5, unique_rows=None)
    with pytest.raises(SyntheticRequestError, match="not a valid RE2"):
        pattern_pool("(?=x)abc", seed=1, size=5, unique_rows=None)
    assert time.perf_counter() - started < 1
    pool = pattern_pool("[A-Z]{3}-[0-9]{4}", seed=1, size=5, unique_rows=5)
    assert len(pool) == 5 and all(len(v) == 8 for v in pool.to_pylist())


def test_unsafe_pattern_error_is_a_value_error():
    assert issubclass(UnsafePatternError, ValueError)
