"""TPC-H in PostgreSQL for benchmarks: generate with `tpchgen-cli`, load with COPY, add PKs and FKs.

Reusable by every benchmark that needs a realistic relational source:

    with server_url(None) as server:               # an embedded server, or pass a URL
        url = ensure_tpch_database(server, scale=0.1)

The database is named after its scale factor and loaded once; a later call finds it (marked by a
database comment) and returns its URL at once.

`plain_numeric=True` declares the money columns as unconstrained `numeric`, as loading
`tpchgen-cli` output without casts gives (its own `--format` DDL has no precision), in a database
of its own (`tpch_sf1_plain`).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

TABLES_DDL = {
    "region": "r_regionkey int NOT NULL, r_name char(25) NOT NULL, r_comment varchar(152)",
    "nation": "n_nationkey int NOT NULL, n_name char(25) NOT NULL, n_regionkey int NOT NULL, n_comment varchar(152)",
    "part": "p_partkey int NOT NULL, p_name varchar(55) NOT NULL, p_mfgr char(25) NOT NULL, p_brand char(10) NOT NULL, "
    "p_type varchar(25) NOT NULL, p_size int NOT NULL, p_container char(10) NOT NULL, "
    "p_retailprice numeric(15,2) NOT NULL, p_comment varchar(23) NOT NULL",
    "supplier": "s_suppkey int NOT NULL, s_name char(25) NOT NULL, s_address varchar(40) NOT NULL, "
    "s_nationkey int NOT NULL, s_phone char(15) NOT NULL, s_acctbal numeric(15,2) NOT NULL, s_comment varchar(101) NOT NULL",
    "partsupp": "ps_partkey int NOT NULL, ps_suppkey int NOT NULL, ps_availqty int NOT NULL, "
    "ps_supplycost numeric(15,2) NOT NULL, ps_comment varchar(199) NOT NULL",
    "customer": "c_custkey int NOT NULL, c_name varchar(25) NOT NULL, c_address varchar(40) NOT NULL, "
    "c_nationkey int NOT NULL, c_phone char(15) NOT NULL, c_acctbal numeric(15,2) NOT NULL, "
    "c_mktsegment char(10) NOT NULL, c_comment varchar(117) NOT NULL",
    "orders": "o_orderkey bigint NOT NULL, o_custkey int NOT NULL, o_orderstatus char(1) NOT NULL, "
    "o_totalprice numeric(15,2) NOT NULL, o_orderdate date NOT NULL, o_orderpriority char(15) NOT NULL, "
    "o_clerk char(15) NOT NULL, o_shippriority int NOT NULL, o_comment varchar(79) NOT NULL",
    "lineitem": "l_orderkey bigint NOT NULL, l_partkey int NOT NULL, l_suppkey int NOT NULL, l_linenumber int NOT NULL, "
    "l_quantity numeric(15,2) NOT NULL, l_extendedprice numeric(15,2) NOT NULL, l_discount numeric(15,2) NOT NULL, "
    "l_tax numeric(15,2) NOT NULL, l_returnflag char(1) NOT NULL, l_linestatus char(1) NOT NULL, "
    "l_shipdate date NOT NULL, l_commitdate date NOT NULL, l_receiptdate date NOT NULL, "
    "l_shipinstruct char(25) NOT NULL, l_shipmode char(10) NOT NULL, l_comment varchar(44) NOT NULL",
}

CONSTRAINTS = [
    "ALTER TABLE region ADD PRIMARY KEY (r_regionkey)",
    "ALTER TABLE nation ADD PRIMARY KEY (n_nationkey)",
    "ALTER TABLE part ADD PRIMARY KEY (p_partkey)",
    "ALTER TABLE supplier ADD PRIMARY KEY (s_suppkey)",
    "ALTER TABLE partsupp ADD PRIMARY KEY (ps_partkey, ps_suppkey)",
    "ALTER TABLE customer ADD PRIMARY KEY (c_custkey)",
    "ALTER TABLE orders ADD PRIMARY KEY (o_orderkey)",
    "ALTER TABLE lineitem ADD PRIMARY KEY (l_orderkey, l_linenumber)",
    "ALTER TABLE nation ADD FOREIGN KEY (n_regionkey) REFERENCES region",
    "ALTER TABLE supplier ADD FOREIGN KEY (s_nationkey) REFERENCES nation",
    "ALTER TABLE customer ADD FOREIGN KEY (c_nationkey) REFERENCES nation",
    "ALTER TABLE partsupp ADD FOREIGN KEY (ps_partkey) REFERENCES part",
    "ALTER TABLE partsupp ADD FOREIGN KEY (ps_suppkey) REFERENCES supplier",
    "ALTER TABLE orders ADD FOREIGN KEY (o_custkey) REFERENCES customer",
    "ALTER TABLE lineitem ADD FOREIGN KEY (l_orderkey) REFERENCES orders",
    "ALTER TABLE lineitem ADD FOREIGN KEY (l_partkey, l_suppkey) REFERENCES partsupp",
    "CREATE INDEX ON orders (o_custkey)",
]

_MARK = "tpch loaded sf={scale}"


def tables_ddl(plain_numeric: bool = False) -> dict[str, str]:
    """Column lists per table; money columns as `numeric(15,2)` or, if `plain_numeric`, as `numeric`."""
    if not plain_numeric:
        return dict(TABLES_DDL)
    return {table: columns.replace("numeric(15,2)", "numeric") for table, columns in TABLES_DDL.items()}


def database_name(scale: float, plain_numeric: bool = False) -> str:
    """`tpch_sf1`, `tpch_sf0_1`, `tpch_sf1_plain`: one database per scale factor and money type."""
    return "tpch_sf" + f"{scale:g}".replace(".", "_") + ("_plain" if plain_numeric else "")


def _with_database(server: str, name: str) -> str:
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def ensure_tpch_database(server: str, scale: float = 1.0, plain_numeric: bool = False) -> str:
    """The URL of a loaded TPC-H database at `scale` on `server`, creating and loading it if needed."""
    name = database_name(scale, plain_numeric)
    with psycopg.connect(server, autocommit=True) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if row and row[0] == _MARK.format(scale=scale):
            return _with_database(server, name)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = _with_database(server, name)
    _load(url, scale, tables_ddl(plain_numeric))
    with psycopg.connect(server, autocommit=True) as conn:
        mark = sql.SQL("COMMENT ON DATABASE {} IS {}").format(
            sql.Identifier(name), sql.Literal(_MARK.format(scale=scale))
        )
        conn.execute(mark)
    return url


def _load(url: str, scale: float, ddl: dict[str, str]) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="tpch-"))
    try:
        started = time.perf_counter()
        generator = Path(sys.executable).with_name("tpchgen-cli")
        subprocess.run(
            [
                str(generator if generator.exists() else "tpchgen-cli"),
                "csv",
                "-s",
                f"{scale:g}",
                "-o",
                str(workdir),
            ],
            check=True,
        )
        with psycopg.connect(url, autocommit=True) as conn:
            for table, columns in ddl.items():
                conn.execute(f"CREATE TABLE {table} ({columns})")
                _copy_csv(conn, table, workdir / f"{table}.csv")
            for statement in CONSTRAINTS:
                conn.execute(statement)
            conn.execute("VACUUM ANALYZE")
        print(f"loaded TPC-H sf={scale:g} in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _copy_csv(conn: psycopg.Connection, table: str, path: Path) -> None:
    with (
        path.open("rb") as source,
        conn.cursor().copy(f"COPY {table} FROM STDIN (FORMAT csv, HEADER true)") as copy,
    ):
        while chunk := source.read(1 << 20):
            copy.write(chunk)


@contextmanager
def server_url(url: str | None, data_dir: Path | None = None) -> Iterator[str]:
    """`url` itself, or the URL of an embedded server started for the duration of the block.

    The embedded server's data directory defaults to a fixed place so that a loaded TPC-H database
    survives between runs.
    """
    if url:
        yield url
        return
    from tdm_api.stack.embedded_postgres import EmbeddedPostgres

    server = EmbeddedPostgres(data_dir or Path(tempfile.gettempdir()) / "tdm-bench-pg")
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


def main() -> None:
    """Load TPC-H at the given scale and print the database URL."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="TPC-H scale factor (0.1 for a quick run)")
    parser.add_argument(
        "--server-url", default=None, help="PostgreSQL server URL; default: an embedded server"
    )
    parser.add_argument(
        "--plain-numeric", action="store_true", help="Money columns as plain `numeric` (no precision)"
    )
    args = parser.parse_args()
    with server_url(args.server_url) as server:
        print(ensure_tpch_database(server, args.scale, args.plain_numeric))


if __name__ == "__main__":
    main()
