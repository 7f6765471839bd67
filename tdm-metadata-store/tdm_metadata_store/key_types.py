"""Whether a foreign key's columns can hold the values of the columns they reference.

PostgreSQL refuses a declared foreign key between incompatible types, but a user-defined key is
only metadata: without this check a key such as `invoice.invoice_date -> customer.customer_id`
is accepted and later breaks every subset join, masking propagation and synthetic generation.
Types are compared by the coarse category discovery resolved (domains already resolved to their
base type), so int2/int4/int8 match each other, as do varchar/text/char.
"""

from __future__ import annotations

from dataclasses import dataclass

from tdm_metadata_store.snapshot import ColumnInfo, RelationshipInfo, SchemaSnapshot

# Categories whose members are only compatible with the very same type (one enum is not another).
_SAME_TYPE_ONLY = frozenset({"enum", "array", "other"})


class IncompatibleKeyTypes(ValueError):
    """A foreign key links columns whose types cannot hold each other's values."""


@dataclass(frozen=True)
class KeyTypeMismatch:
    """One child column whose type does not match the parent column it references."""

    child: str
    child_type: str
    parent: str
    parent_type: str

    def message(self) -> str:
        return (
            f"{self.child} ({self.child_type}) cannot reference {self.parent} ({self.parent_type}): "
            "a foreign key column needs the same kind of type as the column it references."
        )


def type_family(column: ColumnInfo) -> str:
    """The family a column's values belong to; two columns with one family can be joined."""
    if column.type_category in _SAME_TYPE_ONLY:
        return f"{column.type_category}:{column.udt_name or column.data_type}"
    return column.type_category


def relationship_mismatches(snapshot: SchemaSnapshot, rel: RelationshipInfo) -> list[KeyTypeMismatch]:
    """The column pairs of `rel` whose types differ; columns the snapshot lacks are not judged here."""
    child_table, parent_table = snapshot.table(rel.child_key), snapshot.table(rel.parent_key)
    if child_table is None or parent_table is None:
        return []
    out = []
    for child_name, parent_name in zip(rel.child_columns, rel.parent_columns, strict=False):
        child, parent = child_table.column(child_name), parent_table.column(parent_name)
        if child is None or parent is None or type_family(child) == type_family(parent):
            continue
        out.append(
            KeyTypeMismatch(
                f"{child_table.key}.{child.name}",
                child.data_type,
                f"{parent_table.key}.{parent.name}",
                parent.data_type,
            )  # fmt: skip
        )
    return out


def check_key_types(snapshot: SchemaSnapshot) -> None:
    """Raise IncompatibleKeyTypes naming the first user-defined key whose column types differ.

    Keys the database declares are trusted (PostgreSQL checked them); user-defined ones are not.
    """
    for rel in snapshot.relationships:
        if not rel.is_virtual:
            continue
        mismatches = relationship_mismatches(snapshot, rel)
        if mismatches:
            raise IncompatibleKeyTypes(
                f"A user-defined foreign key of this schema is invalid: {mismatches[0].message()} "
                "Delete it (GET /schema/{schema_id}/relationships lists the keys with their ids) "
                "and define one between compatible columns."
            )
