"""What every rule type inherits: options that refuse unknown names, row-wise rules computed on
every row, and the guarantees of a one-way rule."""

from __future__ import annotations

import pydantic
import pytest

from tdm_agents.masking.transformers import get_transformer, list_transformers
from tdm_agents.masking.transformers.base import RuleOptions, one_way

ROW_WISE = {"mask.null", "mask.constant", "mask.redact", "mask.partial", "mask.regex_replace",
            "mask.generalize", "mask.shuffle"}  # fmt: skip


@pytest.mark.parametrize("name", sorted(info.name for info in list_transformers()))
def test_every_rule_refuses_option_names_it_does_not_know(name):
    transformer = get_transformer(name)
    assert issubclass(transformer.options_model, RuleOptions)
    with pytest.raises(pydantic.ValidationError, match="unknown option.*no_such_option; allowed options"):
        transformer.options_model.model_validate({"no_such_option": 1})


def test_row_wise_rules_are_never_computed_once_per_distinct_value():
    for info in list_transformers():
        transformer = get_transformer(info.name)
        assert transformer.row_wise == (info.name in ROW_WISE), info.name
    hashing, null = get_transformer("mask.hash"), get_transformer("mask.null")
    assert hashing.per_distinct(hashing.parse_options({})) and not null.per_distinct(null.parse_options({}))


def test_one_way_rules_are_deterministic_and_irreversible():
    guarantees = one_way(format_preserving=True, leak_check="any", unique_preserving=True)
    assert guarantees.deterministic and not guarantees.reversible
    assert (guarantees.format_preserving, guarantees.unique_preserving, guarantees.leak_check) == (
        True,
        True,
        "any",
    )
    assert get_transformer("mask.email_deterministic").guarantees == guarantees
