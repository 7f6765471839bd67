"""Keys the target guarantees itself: validated PRIMARY KEY, UNIQUE and FOREIGN KEY constraints.

A smoke check that such a constraint already covers cannot fail: PostgreSQL proved it on every row
when the constraint was added or validated in this very transaction, and enforces it on every
row since. Reading the catalog once replaces a scan (or a join) of the table per check.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import psycopg

from tdm_agents.provisioning.layout import TargetTable

_CONSTRAINTS = """
SELECT con.conname, con.contype, con.conrelid::oid, con.confrelid::oid,
       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, pos)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.pos),
       ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, pos)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.pos)
FROM pg_constraint con
WHERE con.conrelid = ANY(%s::oid[]) AND con.contype IN ('p', 'u', 'f') AND con.convalidated
"""


@dataclass(frozen=True)
class EnforcedKeys:
    """Validated keys per target table (by table key), with the name of the constraint behind each."""

    unique: dict[tuple[str, frozenset[str]], str] = field(default_factory=dict)
    foreign: dict[tuple[str, str, frozenset[tuple[str, str]]], str] = field(default_factory=dict)

    def unique_constraint(self, table: str, columns: Sequence[str]) -> str | None:
        """The constraint making `columns` of `table` unique, if any."""
        return self.unique.get((table, frozenset(columns)))

    def foreign_key(
        self, child: str, child_columns: Sequence[str], parent: str, parent_columns: Sequence[str]
    ) -> str | None:
        """The constraint tying `child_columns` to `parent_columns`, if any."""
        pairs = frozenset(zip(child_columns, parent_columns, strict=True))
        return self.foreign.get((child, parent, pairs))


def enforced_keys(conn: psycopg.Connection, tables: Iterable[TargetTable]) -> EnforcedKeys:
    """The validated keys of `tables` as the target's catalog has them now."""
    by_name = {t.ident.as_string(conn): t.key for t in tables}
    rows = conn.execute(
        "SELECT to_regclass(n)::oid, n FROM unnest(%s::text[]) n", (list(by_name),)
    ).fetchall()
    keys = {oid: by_name[name] for oid, name in rows if oid is not None}
    found = EnforcedKeys()
    for name, kind, table, referenced, columns, referenced_columns in conn.execute(
        _CONSTRAINTS, (list(keys),)
    ):
        if kind in ("p", "u"):
            found.unique[(keys[table], frozenset(columns))] = name
        elif referenced in keys:
            pairs = frozenset(zip(columns, referenced_columns, strict=True))
            found.foreign[(keys[table], keys[referenced], pairs)] = name
    return found
