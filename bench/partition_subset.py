"""Subset benchmark on a partitioned table whose keys are declared on its partitions.

The source: customer, staff, rental and `payment` partitioned by month (24 partitions), the keys
of payment to customer, rental and staff declared on every partition, as in well-known sample
databases. The subset: 1 % of customers with their rentals, payments and parents. Reported, in
the same run on the same server:
- the subset's wall time (key sets in the source + COPY-binary export into Arrow, in memory),
- the reference: server-side `COPY (SELECT …) TO '/dev/null'` of exactly the same rows, chosen by
  hand-written joins (finding and emitting the rows, no client transfer), and their ratio,
- the same subset on an unpartitioned copy of the tables (what partitioning costs),
- the completeness option (`include_children_of_parents=1`) from 0.1 % of rentals.

    python -m bench.partition_subset --rentals 1000000 [--server-url postgresql://...]
"""

from __future__ import annotations

import argparse
import time

import psycopg
from psycopg import sql

from bench.tpch import _with_database, server_url
from tdm_agents.schema_discovery.catalog import fetch_snapshot
from tdm_agents.subsetting import MemorySink, SubsetRequest, extract_subset, validate_request, verify_subset

MONTHS = 24
PARTITIONED_DDL = """
CREATE TABLE staff (staff_id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE customer (customer_id integer PRIMARY KEY, name text NOT NULL, email text, created date NOT NULL);
CREATE TABLE rental (rental_id integer PRIMARY KEY, rented_at timestamptz NOT NULL,
    customer_id integer NOT NULL REFERENCES customer, staff_id integer NOT NULL REFERENCES staff);
CREATE INDEX ON rental (customer_id);
CREATE TABLE payment (payment_id integer NOT NULL, customer_id integer NOT NULL, staff_id integer NOT NULL,
    rental_id integer NOT NULL, amount numeric(5,2) NOT NULL, payment_date timestamptz NOT NULL,
    PRIMARY KEY (payment_date, payment_id)) PARTITION BY RANGE (payment_date);
"""
PARTITION = """
CREATE TABLE {part} PARTITION OF payment FOR VALUES FROM ({low}) TO ({high});
ALTER TABLE {part} ADD FOREIGN KEY (customer_id) REFERENCES customer;
ALTER TABLE {part} ADD FOREIGN KEY (rental_id) REFERENCES rental;
ALTER TABLE {part} ADD FOREIGN KEY (staff_id) REFERENCES staff;
CREATE INDEX ON {part} (customer_id);
CREATE INDEX ON {part} (rental_id);
"""
DATA = """
INSERT INTO staff VALUES (1, 'Mike'), (2, 'Jon');
INSERT INTO customer SELECT i, 'customer ' || i, 'c' || i || '@example.com', DATE '2021-01-01' + i % 365
FROM generate_series(1, {customers}) i;
INSERT INTO rental SELECT i, TIMESTAMPTZ '2022-01-01 00:00+00' + (i % 720) * interval '1 day',
       1 + (i::bigint * 7919) % {customers}, 1 + i % 2
FROM generate_series(1, {rentals}) i;
INSERT INTO payment SELECT rental_id, customer_id, staff_id, rental_id, (rental_id % 1000) / 100.0,
       rented_at + interval '1 hour' FROM rental;
"""
FLAT = """
CREATE SCHEMA flat;
CREATE TABLE flat.staff AS TABLE staff; ALTER TABLE flat.staff ADD PRIMARY KEY (staff_id);
CREATE TABLE flat.customer AS TABLE customer; ALTER TABLE flat.customer ADD PRIMARY KEY (customer_id);
CREATE TABLE flat.rental AS TABLE rental;
ALTER TABLE flat.rental ADD PRIMARY KEY (rental_id), ADD FOREIGN KEY (customer_id) REFERENCES flat.customer,
    ADD FOREIGN KEY (staff_id) REFERENCES flat.staff;
CREATE INDEX ON flat.rental (customer_id);
CREATE TABLE flat.payment AS TABLE payment;
ALTER TABLE flat.payment ADD PRIMARY KEY (payment_date, payment_id),
    ADD FOREIGN KEY (customer_id) REFERENCES flat.customer, ADD FOREIGN KEY (rental_id) REFERENCES flat.rental,
    ADD FOREIGN KEY (staff_id) REFERENCES flat.staff;
CREATE INDEX ON flat.payment (customer_id);
CREATE INDEX ON flat.payment (rental_id);
"""
REFERENCE = [
    "SELECT * FROM customer WHERE customer_id <= {cut}",
    "SELECT * FROM rental WHERE customer_id <= {cut}",
    "SELECT p.* FROM payment p WHERE p.customer_id <= {cut} "
    "OR p.rental_id IN (SELECT rental_id FROM rental WHERE customer_id <= {cut})",
    "SELECT * FROM staff WHERE staff_id IN (SELECT staff_id FROM rental WHERE customer_id <= {cut} "
    "UNION SELECT staff_id FROM payment WHERE customer_id <= {cut})",
]


def ensure_source(server: str, rentals: int) -> str:
    """The URL of the benchmark's source database, created and loaded when missing."""
    name = f"tdm_bench_partitions_{rentals}"
    url = _with_database(server, name)
    with psycopg.connect(server, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            return url
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        _load(url, rentals)
    except BaseException:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        raise
    return url


def _load(url: str, rentals: int) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(PARTITIONED_DDL)
        for month in range(MONTHS):
            low = f"(DATE '2022-01-01' + interval '{month} months')"
            high = f"(DATE '2022-01-01' + interval '{month + 1} months')"
            conn.execute(PARTITION.format(part=f"payment_p{month:02d}", low=low, high=high))
        conn.execute(DATA.format(customers=max(rentals // 20, 100), rentals=int(rentals)))
        conn.execute(FLAT)
        conn.execute("ANALYZE")


def timed_subset(url: str, snapshot, **request) -> tuple[float, dict[str, int], bool]:
    resolved = validate_request(
        SubsetRequest(schema_version_id="bench", connection_string=url, **request), snapshot
    )
    sink = MemorySink()
    started = time.perf_counter()
    result = extract_subset(url, snapshot, resolved, sink)
    elapsed = time.perf_counter() - started
    intact = verify_subset(snapshot, sink.read_table, result.row_counts).intact
    return elapsed, result.row_counts, intact


def reference_copy(url: str, cut: int) -> float:
    started = time.perf_counter()
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        for query in REFERENCE:
            with cur.copy(f"COPY ({query.format(cut=cut)}) TO STDOUT (FORMAT BINARY)") as copy:
                for _ in copy:
                    pass
    return time.perf_counter() - started


def run(url: str, rentals: int) -> None:
    with psycopg.connect(url) as conn:
        snapshot = fetch_snapshot(conn, ["public", "flat"])
    customers = max(rentals // 20, 100)
    cut = max(customers // 100, 1)
    best = {"partitioned": float("inf"), "flat": float("inf"), "copy": float("inf")}
    for _ in range(3):
        for label, root in (("partitioned", "customer"), ("flat", "flat.customer")):
            filters = {root: [{"column": "customer_id", "op": "<=", "value": cut}]}
            elapsed, _, intact = timed_subset(url, snapshot, root_table=root, filters=filters)
            assert intact, "the subset is not referentially intact"
            best[label] = min(best[label], elapsed)
        best["copy"] = min(best["copy"], reference_copy(url, cut))
    _, kept, _ = timed_subset(
        url,
        snapshot,
        root_table="customer",
        filters={"customer": [{"column": "customer_id", "op": "<=", "value": cut}]},
    )
    print(
        f"source: {rentals} rentals/payments, {MONTHS} partitions; subset of {cut} customers keeps { {t: n for t, n in kept.items() if n} }"
    )
    print(f"subset (partitioned): {best['partitioned']:.2f} s; unpartitioned copy: {best['flat']:.2f} s")
    print(
        f"reference COPY of the same rows: {best['copy']:.2f} s; ratio {best['partitioned'] / best['copy']:.1f}x"
    )
    completed = timed_subset(
        url, snapshot, root_table="rental",
        filters={"rental": [{"column": "rental_id", "op": "<=", "value": max(rentals // 1000, 1)}]},
        relationship_overrides=[{"parent_table": "staff", "follow_children": False}],
        include_children_of_parents=1,
    )  # fmt: skip
    print(
        f"completeness (depth 1) from 0.1% of rentals: {completed[0]:.2f} s, { {t: n for t, n in completed[1].items() if n} }, intact={completed[2]}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rentals", type=int, default=200_000, help="rentals (and payments) in the source")
    parser.add_argument("--server-url", default=None, help="PostgreSQL server (default: an embedded one)")
    args = parser.parse_args()
    with server_url(args.server_url) as server:
        run(ensure_source(server, args.rentals), args.rentals)


if __name__ == "__main__":
    main()
