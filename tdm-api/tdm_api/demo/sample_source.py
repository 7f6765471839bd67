"""A sample ecommerce source database with realistic PII in several locales.

Nine tables with what real schemas have and subsetters trip over: composite primary and foreign
keys (addresses, order_items), a self-reference (customers.referred_by, staff.reports_to), an FK
cycle (stores.manager_id ↔ staff.store_id), a lookup table, free text that sometimes holds PII,
card numbers that pass Luhn, IBANs that pass mod-97. Values come from Faker pools combined with
NumPy, and load through COPY, so 100k customers take seconds.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
import psycopg
import pyarrow as pa
import pyarrow.csv as pacsv
from faker import Faker

LOCALES = ("en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "nl_NL")
COUNTRIES = {
    "en_US": ("US", "United States"),
    "en_GB": ("GB", "United Kingdom"),
    "de_DE": ("DE", "Germany"),
    "fr_FR": ("FR", "France"),
    "es_ES": ("ES", "Spain"),
    "nl_NL": ("NL", "Netherlands"),
}
POOL = 2000

DDL = """
CREATE TABLE countries (code char(2) PRIMARY KEY, name text NOT NULL);
CREATE TABLE customers (
  id bigint PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL, email text NOT NULL UNIQUE,
  phone text, date_of_birth date, national_id text, street text, city text, postcode text,
  country_code char(2) NOT NULL REFERENCES countries(code), referred_by bigint REFERENCES customers(id),
  loyalty_tier text NOT NULL DEFAULT 'bronze' CHECK (loyalty_tier IN ('bronze','silver','gold')),
  created_at timestamptz NOT NULL);
CREATE TABLE addresses (
  customer_id bigint NOT NULL REFERENCES customers(id), address_no int NOT NULL, street text NOT NULL,
  city text NOT NULL, postcode text, country_code char(2) NOT NULL REFERENCES countries(code),
  PRIMARY KEY (customer_id, address_no));
CREATE TABLE stores (id int PRIMARY KEY, name text NOT NULL, city text NOT NULL, manager_id int);
CREATE TABLE staff (
  id int PRIMARY KEY, store_id int NOT NULL REFERENCES stores(id), first_name text NOT NULL,
  last_name text NOT NULL, email text NOT NULL UNIQUE, reports_to int REFERENCES staff(id));
ALTER TABLE stores ADD CONSTRAINT stores_manager_fk FOREIGN KEY (manager_id) REFERENCES staff(id)
  DEFERRABLE INITIALLY DEFERRED;
CREATE TABLE products (id int PRIMARY KEY, sku text NOT NULL UNIQUE, name text NOT NULL, category text NOT NULL,
  price numeric(10,2) NOT NULL CHECK (price >= 0));
CREATE TABLE orders (
  id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers(id), store_id int REFERENCES stores(id),
  ship_customer_id bigint, ship_address_no int, status text NOT NULL, ordered_at timestamptz NOT NULL,
  notes text,
  FOREIGN KEY (ship_customer_id, ship_address_no) REFERENCES addresses(customer_id, address_no));
CREATE INDEX orders_customer_idx ON orders(customer_id);
CREATE TABLE order_items (
  order_id bigint NOT NULL REFERENCES orders(id), line_no int NOT NULL, product_id int NOT NULL REFERENCES products(id),
  quantity int NOT NULL CHECK (quantity > 0), unit_price numeric(10,2) NOT NULL, PRIMARY KEY (order_id, line_no));
CREATE TABLE payments (
  id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders(id), card_number text, iban text,
  amount numeric(12,2) NOT NULL, paid_at timestamptz NOT NULL, ip_address inet);
CREATE INDEX payments_order_idx ON payments(order_id);
"""


@dataclass
class SampleSize:
    customers: int = 100_000
    stores: int = 40
    staff_per_store: int = 8
    products: int = 2_000

    @property
    def orders(self) -> int:
        return self.customers * 2


def _luhn_complete(prefixes: np.ndarray) -> list[str]:
    """Append a Luhn check digit to each 15-digit prefix."""
    digits = np.array([[int(c) for c in p] for p in prefixes])
    doubled = digits[:, ::-1].copy()
    doubled[:, 0::2] *= 2
    doubled[doubled > 9] -= 9
    check = (10 - doubled.sum(axis=1) % 10) % 10
    return [p + str(c) for p, c in zip(prefixes, check, strict=True)]


def _iban(country: str, bban: str) -> str:
    numeric = "".join(str(int(ch, 36)) for ch in bban + country) + "00"
    return f"{country}{98 - int(numeric) % 97:02d}{bban}"


class _Pools:
    """Faker values generated once per locale and combined with NumPy indexes."""

    def __init__(self, seed: int) -> None:
        self.by_locale = {}
        for n, locale in enumerate(LOCALES):
            fake = Faker(locale)
            fake.seed_instance(seed + n)
            self.by_locale[locale] = {
                "first": [fake.first_name() for _ in range(POOL)],
                "last": [fake.last_name() for _ in range(POOL)],
                "street": [fake.street_address() for _ in range(POOL)],
                "city": [fake.city() for _ in range(POOL // 4)],
                "postcode": [fake.postcode() for _ in range(POOL)],
                "phone": [fake.phone_number() for _ in range(POOL)],
                "ssn": [fake.ssn() for _ in range(POOL)],
            }

    def pick(self, rng: np.random.Generator, locales: np.ndarray, field: str) -> list[str]:
        out = np.empty(len(locales), dtype=object)
        for locale in LOCALES:
            mask = locales == locale
            pool = self.by_locale[locale][field]
            out[mask] = np.asarray(pool, dtype=object)[rng.integers(0, len(pool), mask.sum())]
        return out.tolist()


def _copy(conn: psycopg.Connection, table: str, data: dict[str, list | np.ndarray]) -> None:
    arrow = pa.table({k: pa.array(v) for k, v in data.items()})
    buf = io.BytesIO()
    pacsv.write_csv(arrow, buf, pacsv.WriteOptions(include_header=False))
    columns = ", ".join(arrow.column_names)
    with conn.cursor().copy(f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)") as copy:
        copy.write(buf.getvalue())


def _customers(rng, pools: _Pools, n: int):
    locales = np.asarray(LOCALES)[rng.integers(0, len(LOCALES), n)]
    first, last = pools.pick(rng, locales, "first"), pools.pick(rng, locales, "last")
    ids = np.arange(1, n + 1)
    emails = [
        f"{f}.{ln}.{i}@example.{c.split('_')[1].lower()}".lower().replace(" ", "")
        for f, ln, i, c in zip(first, last, ids, locales, strict=True)
    ]
    referrer = np.where(rng.random(n) < 0.2, rng.integers(1, np.maximum(ids, 2)), 0)
    referred = [int(r) if 0 < r < i else None for r, i in zip(referrer, ids, strict=True)]
    dob = (np.datetime64("1950-01-01") + rng.integers(0, 365 * 55, n)).astype(str)
    created = np.datetime64("2019-01-01T00:00:00") + rng.integers(0, 5 * 365 * 86400, n).astype(
        "timedelta64[s]"
    )
    return locales, {
        "id": ids,
        "first_name": first,
        "last_name": last,
        "email": emails,
        "phone": pools.pick(rng, locales, "phone"),
        "date_of_birth": dob.tolist(),
        "national_id": pools.pick(rng, locales, "ssn"),
        "street": pools.pick(rng, locales, "street"),
        "city": pools.pick(rng, locales, "city"),
        "postcode": pools.pick(rng, locales, "postcode"),
        "country_code": [COUNTRIES[loc][0] for loc in locales],
        "referred_by": referred,
        "loyalty_tier": np.asarray(["bronze", "silver", "gold"])[
            rng.choice(3, n, p=[0.7, 0.22, 0.08])
        ].tolist(),
        "created_at": created.astype(str).tolist(),
    }


def build_sample_source(url: str, size: SampleSize | None = None, seed: int = 7) -> dict[str, int]:
    """Create and fill the sample schema in the (empty) database at `url`; returns rows per table."""
    size = size or SampleSize()
    rng = np.random.default_rng(seed)
    pools = _Pools(seed)
    counts: dict[str, int] = {}
    with psycopg.connect(url) as conn:
        conn.execute(DDL)
        _copy(
            conn,
            "countries",
            {"code": [c for c, _ in COUNTRIES.values()], "name": [n for _, n in COUNTRIES.values()]},
        )
        locales, customers = _customers(rng, pools, size.customers)
        _copy(conn, "customers", customers)
        n = size.customers
        extra = rng.random(n) < 0.3
        addr_cust = np.concatenate([customers["id"], customers["id"][extra]])
        addr_no = np.concatenate([np.ones(n, dtype=int), np.full(extra.sum(), 2)])
        addr_loc = np.concatenate([locales, locales[extra]])
        _copy(
            conn,
            "addresses",
            {
                "customer_id": addr_cust,
                "address_no": addr_no,
                "street": pools.pick(rng, addr_loc, "street"),
                "city": pools.pick(rng, addr_loc, "city"),
                "postcode": pools.pick(rng, addr_loc, "postcode"),
                "country_code": [COUNTRIES[loc][0] for loc in addr_loc],
            },
        )
        s = size.stores
        store_loc = np.asarray(LOCALES)[rng.integers(0, len(LOCALES), s)]
        _copy(
            conn,
            "stores",
            {
                "id": np.arange(1, s + 1),
                "name": [f"Store {i}" for i in range(1, s + 1)],
                "city": pools.pick(rng, store_loc, "city"),
                "manager_id": [None] * s,
            },
        )
        staff_n = s * size.staff_per_store
        staff_ids = np.arange(1, staff_n + 1)
        staff_store = (staff_ids - 1) // size.staff_per_store + 1
        staff_loc = store_loc[staff_store - 1]
        first, last = pools.pick(rng, staff_loc, "first"), pools.pick(rng, staff_loc, "last")
        managers = (staff_store - 1) * size.staff_per_store + 1
        _copy(
            conn,
            "staff",
            {
                "id": staff_ids,
                "store_id": staff_store,
                "first_name": first,
                "last_name": last,
                "email": [f"staff{i}@shop.example" for i in staff_ids],
                "reports_to": [int(m) if m != i else None for m, i in zip(managers, staff_ids, strict=True)],
            },
        )
        conn.execute("UPDATE stores SET manager_id = (id - 1) * %s + 1", (size.staff_per_store,))
        p = size.products
        categories = np.asarray(["books", "garden", "toys", "kitchen", "sports", "music"])
        _copy(
            conn,
            "products",
            {
                "id": np.arange(1, p + 1),
                "sku": [f"SKU-{i:07d}" for i in range(1, p + 1)],
                "name": [f"Product {i}" for i in range(1, p + 1)],
                "category": categories[rng.integers(0, len(categories), p)].tolist(),
                "price": np.round(rng.lognormal(3, 0.8, p), 2),
            },
        )
        o = size.orders
        order_ids = np.arange(1, o + 1)
        order_cust = rng.integers(1, n + 1, o)
        note_pool = np.asarray(
            [
                "Leave at the door",
                "Gift wrap please",
                None,
                None,
                None,
                "Call me on arrival",
                "Deliver after 6pm",
            ],
            dtype=object,
        )
        notes = note_pool[rng.integers(0, len(note_pool), o)]
        with_phone = rng.random(o) < 0.02  # free text that holds PII, as real notes do
        phones = np.asarray(customers["phone"], dtype=object)[order_cust - 1]
        notes = np.where(with_phone, "Call " + phones.astype(str), notes)
        ordered = np.datetime64("2022-01-01T00:00:00") + rng.integers(0, 3 * 365 * 86400, o).astype(
            "timedelta64[s]"
        )
        _copy(
            conn,
            "orders",
            {
                "id": order_ids,
                "customer_id": order_cust,
                "store_id": rng.integers(1, s + 1, o),
                "ship_customer_id": order_cust,
                "ship_address_no": np.ones(o, dtype=int),
                "status": np.asarray(["placed", "shipped", "delivered", "returned"])[
                    rng.choice(4, o, p=[0.1, 0.2, 0.65, 0.05])
                ].tolist(),
                "ordered_at": ordered.astype(str).tolist(),
                "notes": notes.tolist(),
            },
        )
        lines = rng.integers(1, 5, o)
        item_order = np.repeat(order_ids, lines)
        item_line = np.concatenate([np.arange(1, k + 1) for k in lines])
        items = len(item_order)
        _copy(
            conn,
            "order_items",
            {
                "order_id": item_order,
                "line_no": item_line,
                "product_id": rng.integers(1, p + 1, items),
                "quantity": rng.integers(1, 4, items),
                "unit_price": np.round(rng.lognormal(3, 0.8, items), 2),
            },
        )
        prefixes = np.asarray([f"4{v:014d}" for v in rng.integers(0, 10**14, o)])
        cards = _luhn_complete(prefixes)
        ibans = [_iban("DE", f"{v:018d}") if rng.random() < 0.3 else None for v in rng.integers(0, 10**17, o)]
        ips = [f"{a}.{b}.{c}.{d}" for a, b, c, d in rng.integers(1, 255, (o, 4))]
        _copy(
            conn,
            "payments",
            {
                "id": order_ids,
                "order_id": order_ids,
                "card_number": cards,
                "iban": ibans,
                "amount": np.round(rng.lognormal(4, 0.7, o), 2),
                "paid_at": ordered.astype(str).tolist(),
                "ip_address": ips,
            },
        )
        conn.execute("ANALYZE")
        for table in (
            "countries",
            "customers",
            "addresses",
            "stores",
            "staff",
            "products",
            "orders",
            "order_items",
            "payments",
        ):
            row = conn.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608 - fixed names
            counts[table] = row[0] if row else 0
    return counts
