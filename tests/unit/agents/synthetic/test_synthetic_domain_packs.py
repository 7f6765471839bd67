"""Domain packs: every bundled pack loads and validates; bad packs and unknown names are refused."""

from __future__ import annotations

import pytest

from tdm_agents.synthetic.errors import SyntheticRequestError
from tdm_agents.synthetic.packs import list_domain_packs, load_domain_pack, parse_domain_pack
from tdm_agents.synthetic.schema_model import LogNormal, WeightedChoice


def test_bundled_packs_are_listed_with_entities_and_scenarios() -> None:
    listing = {p["name"]: p for p in list_domain_packs()}
    assert set(listing) == {"ecommerce", "banking", "telecom", "healthcare", "insurance"}
    for pack in listing.values():
        assert {"default", "edge_cases"} <= set(pack["scenarios"])
        assert len(pack["entities"]) >= 4 and pack["description"]
    assert {"customer", "order", "order_item", "payment"} <= set(listing["ecommerce"]["entities"])


def test_ecommerce_pack_carries_distributions_and_cardinalities() -> None:
    pack = load_domain_pack("ecommerce")
    order = pack.schema_.entity("order")
    assert isinstance(order.attribute("status").distribution, WeightedChoice)
    assert isinstance(order.attribute("total_amount").distribution, LogNormal)
    rel = next(r for r in pack.schema_.relationships if r.child_entity == "order")
    assert rel.mean_children == 4 and rel.distribution == "lognormal"
    assert pack.scenario("edge_cases").edge_fraction > 0
    with pytest.raises(SyntheticRequestError, match="no scenario 'nope'"):
        pack.scenario("nope")


def test_unknown_pack_names_the_known_ones() -> None:
    with pytest.raises(SyntheticRequestError, match="unknown domain pack 'retail'.*banking"):
        load_domain_pack("retail")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: x\ndescription: d\nentities: {}\nscenarios: {default: {}}\n", "lacks scenarios: edge_cases"),
        (
            "name: x\ndescription: d\nentities: {a: {attributes: {id: {type: integer}}}}\n"
            "relationships: [{child: a.parent_id, parent: a.id}]\nscenarios: {default: {}, edge_cases: {}}\n",
            r"unknown attributes: a\.parent_id",
        ),
        (
            "name: x\ndescription: d\nentities: {a: {attributes: {id: {type: money}}}}\nscenarios: {}\n",
            "invalid",
        ),
        ("name: [unclosed\n", "invalid domain pack"),
    ],
)
def test_invalid_packs_are_refused(text: str, message: str) -> None:
    with pytest.raises(SyntheticRequestError, match=message):
        parse_domain_pack(text)
