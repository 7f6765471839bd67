"""A small source database for subsetting tests, and a catalog reader that describes it.

The schema has what makes subsetting hard: composite keys and a composite foreign key, a
self-reference (employee.reports_to), a cycle (stores <-> staff), a table without a primary key
but with a unique key, a table with no key at all, a virtual foreign key, an enum, a lookup table.
"""

from __future__ import annotations

from collections.abc import Iterator

import psycopg

from tdm_metadata_store.snapshot import (
    ColumnInfo,
    IndexInfo,
    RelationshipInfo,
    SchemaSnapshot,
    TableInfo,
    UniqueConstraintInfo,
)

DDL = """
CREATE TYPE tier AS ENUM ('bronze', 'silver', 'gold');
CREATE TABLE region (region_id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE stores (store_id int PRIMARY KEY, city text NOT NULL, manager_id int);
CREATE TABLE staff (staff_id int PRIMARY KEY, store_id int NOT NULL REFERENCES stores, name text NOT NULL);
ALTER TABLE stores ADD CONSTRAINT stores_manager_fkey FOREIGN KEY (manager_id) REFERENCES staff
    DEFERRABLE INITIALLY DEFERRED;
CREATE TABLE customers (
    id int PRIMARY KEY, name text NOT NULL, region text NOT NULL, tier tier, credit numeric(10,2),
    signup date NOT NULL, active boolean NOT NULL, region_id int NOT NULL REFERENCES region,
    home_store_id int REFERENCES stores);
CREATE TABLE products (sku text PRIMARY KEY, title varchar(40) NOT NULL);
CREATE TABLE orders (
    customer_id int NOT NULL REFERENCES customers, order_no int NOT NULL,
    created_at timestamptz NOT NULL, PRIMARY KEY (customer_id, order_no));
CREATE TABLE order_items (
    customer_id int NOT NULL, order_no int NOT NULL, line int NOT NULL,
    sku text NOT NULL REFERENCES products, qty int NOT NULL,
    PRIMARY KEY (customer_id, order_no, line),
    FOREIGN KEY (customer_id, order_no) REFERENCES orders);
CREATE TABLE employee (emp_id int PRIMARY KEY, reports_to int REFERENCES employee, store_id int REFERENCES stores);
CREATE TABLE loyalty_cards (card_no text NOT NULL UNIQUE, customer_id int NOT NULL REFERENCES customers, points int);
CREATE INDEX ON loyalty_cards (customer_id);
CREATE TABLE audit_notes (customer_id int, note text);
CREATE TABLE currencies (code char(3) PRIMARY KEY, name text NOT NULL);
CREATE TABLE payments (
    payment_id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customers,
    currency char(3) NOT NULL REFERENCES currencies, amount numeric(12,2) NOT NULL);
"""

DATA = """
INSERT INTO region VALUES (1, 'Americas'), (2, 'Europe'), (3, 'Asia');
BEGIN;
INSERT INTO stores SELECT s, 'city ' || s, s * 10 FROM generate_series(1, 4) s;
INSERT INTO staff SELECT s * 10 + k, s, 'staff ' || s || '-' || k FROM generate_series(1, 4) s, generate_series(0, 1) k;
COMMIT;
INSERT INTO customers
SELECT i, 'customer ' || i, (ARRAY['US', 'EU', 'APAC'])[1 + i % 3],
       (ARRAY['bronze', 'silver', 'gold'])[1 + i % 3]::tier, (i * 7.25)::numeric(10,2),
       DATE '2024-01-01' + i * 5, i % 4 <> 0, 1 + i % 3,
       CASE WHEN i % 5 = 0 THEN NULL ELSE 1 + i % 4 END
FROM generate_series(1, 40) i;
INSERT INTO products SELECT 'SKU-' || p, 'product ' || p FROM generate_series(1, 10) p;
INSERT INTO orders SELECT c, n, TIMESTAMPTZ '2024-01-01 00:00+00' + (c * 3 + n) * INTERVAL '1 day'
FROM generate_series(1, 40) c, generate_series(1, 3) n WHERE n <= 1 + c % 3;
INSERT INTO order_items SELECT o.customer_id, o.order_no, l, 'SKU-' || (1 + (o.customer_id + l) % 10), l
FROM orders o, generate_series(1, 2) l;
INSERT INTO employee VALUES (1, NULL, 1), (2, 1, 1), (3, 1, 2), (4, 2, 2), (5, 4, 3), (6, 5, 3), (7, NULL, 4), (8, 7, 4);
INSERT INTO loyalty_cards SELECT 'CARD-' || i, i, i * 3 FROM generate_series(1, 40, 2) i;
INSERT INTO audit_notes SELECT i, 'checked' FROM generate_series(1, 40, 3) i;
INSERT INTO currencies VALUES ('USD', 'US dollar'), ('EUR', 'Euro'), ('JPY', 'Yen');
INSERT INTO payments SELECT i, 1 + i % 40, (ARRAY['USD', 'EUR', 'JPY'])[1 + i % 3], i * 1.5 FROM generate_series(1, 60) i;
ANALYZE;
"""

VIRTUAL_FK = RelationshipInfo(
    name="audit_notes_customer_virtual",
    child_schema="public",
    child_table="audit_notes",
    child_columns=["customer_id"],
    parent_schema="public",
    parent_table="customers",
    parent_columns=["id"],
    is_virtual=True,
)

_CATEGORIES = {
    "int2": "integer",
    "int4": "integer",
    "int8": "integer",
    "numeric": "decimal",
    "float4": "float",
    "float8": "float",
    "text": "string",
    "varchar": "string",
    "bpchar": "string",
    "bool": "boolean",
    "date": "date",
    "timestamp": "timestamp",
    "timestamptz": "timestamp",
    "uuid": "uuid",
    "jsonb": "json",
    "json": "json",
    "time": "time",
    "interval": "interval",
}

_COLUMNS = """
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), t.typname, t.typtype, NOT a.attnotnull
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum
"""
_CONSTRAINTS = """
SELECT c.relname, k.conname, k.contype,
       ARRAY(SELECT attname FROM unnest(k.conkey) WITH ORDINALITY u(n, o)
             JOIN pg_attribute ON attrelid = k.conrelid AND attnum = u.n ORDER BY o),
       f.relname,
       ARRAY(SELECT attname FROM unnest(k.confkey) WITH ORDINALITY u(n, o)
             JOIN pg_attribute ON attrelid = k.confrelid AND attnum = u.n ORDER BY o)
FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid LEFT JOIN pg_class f ON f.oid = k.confrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND k.contype IN ('p', 'u', 'f') ORDER BY k.conname
"""
_INDEXES = """
SELECT c.relname, i.relname, x.indisunique, x.indisprimary,
       ARRAY(SELECT attname FROM unnest(x.indkey) WITH ORDINALITY u(n, o)
             JOIN pg_attribute ON attrelid = x.indrelid AND attnum = u.n ORDER BY o)
FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
"""


def create_source(url: str) -> None:
    """Create the test schema and its rows in the (empty) database at `url`."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(DDL)
        conn.execute(DATA)


def describe(url: str, virtual: list[RelationshipInfo] | None = None) -> SchemaSnapshot:
    """A SchemaSnapshot of the `public` schema read from the catalog, plus virtual relationships."""
    tables: dict[str, TableInfo] = {}
    relationships = list(virtual if virtual is not None else [VIRTUAL_FK])
    with psycopg.connect(url) as conn:
        for table, col, data_type, udt, typtype, nullable in conn.execute(_COLUMNS):
            info = tables.setdefault(table, TableInfo(schema_name="public", name=table))
            category = "enum" if typtype == "e" else _CATEGORIES.get(udt, "other")
            labels = None
            if typtype == "e":
                query = "SELECT enumlabel FROM pg_enum WHERE enumtypid = %s::regtype ORDER BY enumsortorder"
                labels = [r[0] for r in conn.execute(query, (udt,))]
            info.columns.append(
                ColumnInfo(
                    name=col,
                    data_type=data_type,
                    udt_name=udt,
                    type_category=category,
                    nullable=nullable,
                    enum_values=labels,
                )
            )
        for table, name, kind, cols, ref_table, ref_cols in conn.execute(_CONSTRAINTS):
            if kind == "p":
                tables[table].primary_key = cols
            elif kind == "u":
                tables[table].unique_constraints.append(UniqueConstraintInfo(name=name, columns=cols))
            else:
                relationships.append(
                    RelationshipInfo(
                        name=name,
                        child_schema="public",
                        child_table=table,
                        child_columns=cols,
                        parent_schema="public",
                        parent_table=ref_table,
                        parent_columns=ref_cols,
                    )
                )
        for table, name, unique, primary, cols in conn.execute(_INDEXES):
            tables[table].indexes.append(IndexInfo(name=name, columns=cols, unique=unique, primary=primary))
    return SchemaSnapshot(database="subset_source", tables=list(tables.values()), relationships=relationships)


def discovered_source(server_url: str, prefix: str, ddl: str) -> Iterator[tuple[str, SchemaSnapshot]]:
    """A database of its own built by `ddl` (data included), with its discovered snapshot; dropped after.
    For module-scoped fixtures: `yield from discovered_source(pg_server_url, "tdm_x", DDL)`."""
    from tdm_agents.schema_discovery.catalog import fetch_snapshot
    from tests.fixtures.postgres import create_database, drop_database

    url = create_database(server_url, prefix=prefix)
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(ddl)
            snapshot = fetch_snapshot(conn, ["public"])
        yield url, snapshot
    finally:
        drop_database(server_url, url)
