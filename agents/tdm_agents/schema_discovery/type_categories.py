"""Map PostgreSQL types to the platform's coarse `type_category` (what maskers and generators switch on)."""

from __future__ import annotations

from tdm_metadata_store.snapshot import TypeCategory

_BY_TYPE_NAME: dict[str, TypeCategory] = {
    **dict.fromkeys(("int2", "int4", "int8", "oid", "xid", "smallint", "integer", "bigint"), "integer"),
    **dict.fromkeys(("numeric", "money", "decimal"), "decimal"),
    **dict.fromkeys(("float4", "float8", "real", "double precision"), "float"),
    **dict.fromkeys(
        ("text", "varchar", "bpchar", "char", "name", "citext", "character varying", "character"), "string"
    ),
    "bool": "boolean",
    "date": "date",
    **dict.fromkeys(("timestamp", "timestamptz"), "timestamp"),
    **dict.fromkeys(("time", "timetz"), "time"),
    "interval": "interval",
    "uuid": "uuid",
    **dict.fromkeys(("json", "jsonb"), "json"),
    "bytea": "binary",
    **dict.fromkeys(("inet", "cidr", "macaddr", "macaddr8"), "network"),
    **dict.fromkeys(("point", "line", "lseg", "box", "path", "polygon", "circle"), "geometric"),
}

# pg_type.typcategory codes, used when the type name is not one of the built-ins above
# (extension types such as citext or ltree still say what family they belong to).
_BY_PG_CATEGORY: dict[str, TypeCategory] = {
    "A": "array",
    "B": "boolean",
    "D": "timestamp",
    "E": "enum",
    "G": "geometric",
    "I": "network",
    "S": "string",
    "T": "interval",
}

# Categories whose values have a meaningful total order, so min/max are worth reporting.
ORDERED_CATEGORIES: frozenset[str] = frozenset(
    {"integer", "decimal", "float", "string", "date", "timestamp", "time", "interval", "enum"}
)
# Categories whose min/max are computed over the text form (ordering the text is still useful).
TEXT_ORDERED_CATEGORIES: frozenset[str] = frozenset({"uuid", "network"})
# Categories compared natively for distinct counts; the others are hashed text (no btree needed).
NATIVE_DISTINCT_CATEGORIES: frozenset[str] = ORDERED_CATEGORIES | {"boolean", "uuid", "network"}


def type_category(
    type_name: str, pg_category: str | None = None, type_kind: str | None = None
) -> TypeCategory:
    """Classify a base type by name (`int4`, `varchar`, ...), then by pg_type.typcategory/typtype.

    Domains must be resolved to their base type by the caller; `type_kind` is pg_type.typtype
    (`e` for enums), `pg_category` is pg_type.typcategory.
    """
    if type_kind == "e":
        return "enum"
    if pg_category == "A" or (pg_category is None and type_name.startswith("_")):
        return "array"
    found = _BY_TYPE_NAME.get(type_name)
    if found:
        return found
    return _BY_PG_CATEGORY.get(pg_category or "", "other")
