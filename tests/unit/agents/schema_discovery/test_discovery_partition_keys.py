"""Keys declared on partitions fold into the partitioned parent's relationships, idempotently."""

from __future__ import annotations

from tdm_agents.schema_discovery.partition_keys import fold_partition_keys, partition_root
from tdm_metadata_store.snapshot import RelationshipInfo, SchemaSnapshot, TableInfo


def _snapshot() -> SchemaSnapshot:
    tables = [
        TableInfo(schema_name="s", name="customer"),
        TableInfo(schema_name="s", name="payment", kind="partitioned_table", partitions=["s.p_2022"]),
        TableInfo(schema_name="s", name="p_2022", kind="partitioned_table", partition_of="s.payment",
                  partitions=["s.p_2022_01", "s.p_2022_02"]),
        TableInfo(schema_name="s", name="p_2022_01", partition_of="s.p_2022"),
        TableInfo(schema_name="s", name="p_2022_02", partition_of="s.p_2022"),
    ]  # fmt: skip
    return SchemaSnapshot(schemas=["s"], tables=tables)


def _key(child: str, name: str | None, parent: str = "customer") -> RelationshipInfo:
    return RelationshipInfo(
        name=name, child_schema="s", child_table=child, child_columns=["customer_id"],
        parent_schema="s", parent_table=parent, parent_columns=["customer_id"],
    )  # fmt: skip


def test_partition_root_walks_every_level() -> None:
    tables = {t.qualified_name: t for t in _snapshot().tables}
    assert partition_root(tables, "s.p_2022_02") == "s.payment"
    assert partition_root(tables, "s.customer") == "s.customer"
    assert partition_root(tables, "other.unknown") == "other.unknown"


def test_keys_of_leaf_partitions_become_one_key_of_the_root() -> None:
    folded = fold_partition_keys(_snapshot(), [_key("p_2022_01", "k1"), _key("p_2022_02", "k2")])
    assert len(folded) == 1
    assert (folded[0].child_key, folded[0].name) == ("s.payment", None)
    assert folded[0].partition_constraints == {"s.p_2022_01": "k1", "s.p_2022_02": "k2"}


def test_a_root_key_absorbs_identical_partition_keys_in_any_order() -> None:
    for rels in (
        [_key("payment", "root"), _key("p_2022_01", "k1")],
        [_key("p_2022_01", "k1"), _key("payment", "root")],
    ):
        folded = fold_partition_keys(_snapshot(), rels)
        assert [(r.name, r.partition_constraints) for r in folded] == [("root", {"s.p_2022_01": "k1"})]


def test_two_keys_of_the_root_stay_two_and_referenced_partitions_fold_too() -> None:
    folded = fold_partition_keys(_snapshot(), [_key("payment", "a"), _key("payment", "b")])
    assert [r.name for r in folded] == ["a", "b"]
    to_partition = fold_partition_keys(_snapshot(), [_key("customer", "c", parent="p_2022_01")])
    assert to_partition[0].parent_key == "s.payment"


def test_folding_is_idempotent() -> None:
    once = fold_partition_keys(_snapshot(), [_key("p_2022_01", "k1"), _key("p_2022_02", "k2")])
    assert fold_partition_keys(_snapshot(), once) == once


def test_fingerprint_is_unchanged_by_the_new_fields_at_their_defaults() -> None:
    plain = SchemaSnapshot(schemas=["s"], tables=[TableInfo(schema_name="s", name="t")])
    data = plain.structure_dict()
    assert "partition_key" not in data["tables"][0] and "inherited_by" not in data["tables"][0]
    partitioned = SchemaSnapshot(
        schemas=["s"], tables=[TableInfo(schema_name="s", name="t", partition_key="RANGE (d)")]
    )
    assert partitioned.fingerprint() != plain.fingerprint()
