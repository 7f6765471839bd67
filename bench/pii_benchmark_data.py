"""Labeled columns for the PII benchmark, generated with Faker in several locales.

Every PII type appears under a conventional column name and, where the values alone identify it,
under an obfuscated name (`c_17`) as well; types that only a name can reveal (bank account
numbers, five-digit ZIP codes, plain-text passwords) appear named only, because no reader,
human or program, could tell them from other digits. Columns that look like PII but are not
(Luhn-valid SKUs, order numbers, product codes, company names, recent dates, hashes of files)
are labeled None. Everything is built in memory as `ColumnSample`s; no database is needed.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass

import pyarrow as pa
from faker import Faker

from tdm_agents.pii_detection.models import ColumnSample

LOCALES = ("en_US", "de_DE", "fr_FR", "en_GB", "es_ES", "nl_NL")
# Locales whose names are not in the classifier's dictionaries: reported apart, for honesty.
HELD_OUT_LOCALES = ("sk_SK", "hr_HR", "lv_LV")


@dataclass(frozen=True)
class LabeledColumn:
    """A benchmark column and the PII type a careful reviewer would give it (None: not PII)."""

    sample: ColumnSample
    label: str | None


@dataclass(frozen=True)
class Spec:
    label: str | None
    names: tuple[str, ...]  # conventional names; one is picked per locale
    make: Callable[[Faker, random.Random], object]
    arrow_type: pa.DataType = pa.string()
    obfuscate: bool = True  # also emit a copy under a meaningless name
    table: str = "customer"


def _luhn_complete(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * 2 if i % 2 == 0 else int(ch)
        total += d - 9 if d > 9 else d
    return body + str((10 - total % 10) % 10)


def _nino(_: Faker, rnd: random.Random) -> str:
    first, second = rnd.choice("ABCEGHJKLMNPRSTWXYZ"), rnd.choice("ABCEGHJKLMNPRSTWXYZ")
    while first + second in {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}:
        second = rnd.choice("ABCEGHJKLMNPRSTWXYZ")
    return f"{first}{second} {rnd.randint(10, 99)} {rnd.randint(10, 99)} {rnd.randint(10, 99)} {rnd.choice('ABCD')}"


def _national_id(locale: str) -> Callable[[Faker, random.Random], object]:
    makers: dict[str, Callable[[Faker, random.Random], object]] = {
        "en_US": lambda f, r: f.ssn(),
        "en_GB": _nino,
        "fr_FR": lambda f, r: f.ssn(),
        "es_ES": lambda f, r: f.nif() if r.random() < 0.7 else f.nie(),
        "nl_NL": lambda f, r: f.ssn(),
        "de_DE": lambda f, r: Faker("en_CA").ssn(),  # a Canadian SIN among German data: ids travel
    }
    return makers[locale]


def _notes(f: Faker, rnd: random.Random) -> str:
    mentions = (
        lambda: f"Customer {f.name()} asked for a call back.",
        lambda: f"Send the invoice to {f.email()} before Friday.",
        lambda: f"Reached on {f.phone_number()} after two attempts.",
    )
    return rnd.choice(mentions)() if rnd.random() < 0.3 else f.sentence(nb_words=9)


def _bcrypt(f: Faker, rnd: random.Random) -> str:
    alphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "$2b$12$" + "".join(rnd.choice(alphabet) for _ in range(53))


def _argon2(f: Faker, rnd: random.Random) -> str:
    return f"$argon2id$v=19$m=65536,t=3,p=4${f.pystr(22, 22)}${f.pystr(43, 43)}"


def _photo(f: Faker, rnd: random.Random) -> bytes:
    head = rnd.choice([b"\xff\xd8\xff\xe0\x00\x10JFIF", b"\x89PNG\r\n\x1a\n", b"GIF89a"])
    return head + f.binary(48)


def pii_specs(locale: str) -> list[Spec]:
    """The PII columns of one locale."""
    postcode_named_only = locale in ("en_US", "de_DE", "fr_FR", "es_ES")
    city_named_only = locale in ("fr_FR", "es_ES")  # Faker's towns there are surnames or provinces
    return [
        Spec("email", ("email", "email_address", "mail", "contactEmail"), lambda f, r: f.email()),
        Spec("phone", ("phone", "msisdn", "mobile_no", "telNumber"), lambda f, r: f.phone_number()),
        Spec("person_name", ("full_name", "customer_name", "name", "contact_name"), lambda f, r: f.name()),
        Spec("person_name", ("first_name", "fname", "givenName", "forename"), lambda f, r: f.first_name()),
        Spec("person_name", ("last_name", "lname", "surname", "familyName"), lambda f, r: f.last_name()),
        Spec("street_address", ("street_address", "addr1", "address_line1", "street"), lambda f, r: f.street_address()),
        Spec("postcode", ("zip", "postcode", "postal_code", "zip_code"), lambda f, r: f.postcode(), obfuscate=not postcode_named_only),
        Spec("city", ("city", "town", "ort", "ville"), lambda f, r: f.city(), obfuscate=not city_named_only),
        Spec("date_of_birth", ("dob", "birth_date", "date_of_birth", "birthday"), lambda f, r: f.date_of_birth(minimum_age=18, maximum_age=95), pa.date32()),
        Spec("national_id", ("ssn", "national_id", "nin", "tax_id"), _national_id(locale)),
        Spec("credit_card", ("cc_num", "card_number", "pan", "creditCard"), lambda f, r: f.credit_card_number()),
        Spec("iban", ("iban", "iban_number", "bank_iban", "payout_iban"), lambda f, r: f.iban()),
        Spec("bank_account", ("account_number", "acct_no", "bban", "bank_account"), lambda f, r: f.bban(), obfuscate=False),
        Spec("ip_address", ("ip_address", "last_login_ip", "client_ip", "remote_addr"), lambda f, r: f.ipv4() if r.random() < 0.7 else f.ipv6()),
        Spec("mac_address", ("mac_address", "device_mac", "hw_addr", "mac"), lambda f, r: f.mac_address()),
        Spec("username", ("username", "login", "user_name", "screen_name"), lambda f, r: f.user_name()),
        Spec("password_hash", ("password_hash", "pwd_hash", "passwd", "hashed_password"), lambda f, r: _bcrypt(f, r) if r.random() < 0.5 else _argon2(f, r)),
        Spec("password_hash", ("password_sha256", "pwd", "secret_hash", "pass_hash"), lambda f, r: f.sha256(), obfuscate=False),
        Spec("geolocation", ("geo", "location", "coordinates", "latlng"), lambda f, r: f"{f.latitude()}, {f.longitude()}"),
        Spec("free_text_pii", ("notes", "comments", "remarks", "memo"), _notes),
        Spec("photo", ("photo", "avatar", "profile_picture", "portrait"), _photo, pa.binary()),
    ]  # fmt: skip


def look_alike_specs() -> list[Spec]:
    """Columns that resemble PII but hold none."""
    visa_like = lambda f, r: _luhn_complete("4" + f.numerify("#" * 14))  # noqa: E731
    return [
        Spec(None, ("sku",), visa_like, table="product", obfuscate=False),
        Spec(None, ("tracking_no",), visa_like, table="shipment", obfuscate=False),
        Spec(None, ("order_number",), lambda f, r: f.numerify("##########"), table="orders"),
        Spec(None, ("product_code",), lambda f, r: f.bothify("??-####-??").upper(), table="product"),
        Spec(None, ("invoice_no",), lambda f, r: f"INV-{f.numerify('2024-#####')}", table="invoice"),
        Spec(None, ("name",), lambda f, r: f.word().title(), table="genre", obfuscate=False),
        Spec(None, ("name",), lambda f, r: f.catch_phrase(), table="product", obfuscate=False),
        Spec(None, ("company_name",), lambda f, r: f.company(), table="supplier"),
        Spec(None, ("job_title",), lambda f, r: f.job()),
        Spec(None, ("price",), lambda f, r: round(r.uniform(1, 500), 2), pa.float64(), table="product"),
        Spec(None, ("quantity",), lambda f, r: r.randint(1, 50), pa.int64(), table="orders"),
        Spec(None, ("exchange_rate",), lambda f, r: round(r.uniform(0.5, 2.0), 4), pa.float64(), table="fx"),
        Spec(None, ("created_at",), lambda f, r: f.date_between("-3y", "today"), pa.date32(), table="orders"),
        Spec(None, ("hire_date",), lambda f, r: f.date_between("-30y", "today"), pa.date32(), table="staff_contract"),
        Spec(None, ("status",), lambda f, r: r.choice(["active", "inactive", "pending", "closed"])),
        Spec(None, ("description",), lambda f, r: f.sentence(nb_words=10), table="product"),
        Spec(None, ("file_sha256",), lambda f, r: f.sha256(), table="document", obfuscate=False),
        Spec(None, ("request_id",), lambda f, r: f.uuid4(), table="audit"),
        Spec(None, ("version",), lambda f, r: f"{r.randint(0, 9)}.{r.randint(0, 30)}.{r.randint(0, 99)}", table="release"),
        Spec(None, ("currency",), lambda f, r: f.currency_code(), table="fx"),
        Spec(None, ("country",), lambda f, r: f.country()),
        Spec(None, ("color",), lambda f, r: f.color_name(), table="product"),
        Spec(None, ("website",), lambda f, r: f.url(), table="supplier"),
        Spec(None, ("isbn",), lambda f, r: f.isbn13(), table="book", obfuscate=False),
        Spec(None, ("ean",), lambda f, r: f.ean13(), table="product", obfuscate=False),
        Spec(None, ("ref_number",), lambda f, r: f.numerify("#########"), table="ledger"),
    ]  # fmt: skip


def _column(spec: Spec, locale: str, name: str, table: str, n: int, seed: int) -> LabeledColumn:
    faker = Faker(locale)
    faker.seed_instance(seed)
    rnd = random.Random(seed)
    values = [spec.make(faker, rnd) for _ in range(n)]
    if spec.arrow_type == pa.string():
        values = [str(v) for v in values]
    sample = ColumnSample("public", table, name, str(spec.arrow_type), pa.array(values, type=spec.arrow_type))
    return LabeledColumn(sample, spec.label)


def build_columns(
    n_values: int = 100, locales: tuple[str, ...] = LOCALES, seed: int = 7
) -> list[LabeledColumn]:
    """All labeled columns: named and obfuscated PII, and look-alikes, for each locale."""
    columns: list[LabeledColumn] = []
    counter = itertools.count(1)
    for li, locale in enumerate(locales):
        specs = pii_specs(locale) + look_alike_specs()
        for si, spec in enumerate(specs):
            name = spec.names[li % len(spec.names)]
            table = f"{spec.table}_{locale.lower()}"
            columns.append(_column(spec, locale, name, table, n_values, seed * 1000 + li * 100 + si))
            if spec.obfuscate:
                obscure = f"c_{next(counter)}"
                columns.append(
                    _column(spec, locale, obscure, f"t{li}_{si}", n_values, seed * 2000 + li * 100 + si)
                )
    columns.extend(_coordinate_pairs(locales, n_values, seed))
    return columns


def _coordinate_pairs(locales: tuple[str, ...], n: int, seed: int) -> list[LabeledColumn]:
    """Numeric latitude/longitude pairs, named in one table and obfuscated in another."""
    out = []
    for li, _locale in enumerate(locales):
        rnd = random.Random(seed + li)
        lat = [round(rnd.uniform(-60, 70), 6) for _ in range(n)]
        lon = [round(rnd.uniform(-170, 170), 6) for _ in range(n)]
        for table, names in (
            (f"store_{li}", ("latitude", "longitude")),
            (f"t_geo_{li}", ("c_lat_x", "c_lon_y")),
        ):
            for name, values in zip(names, (lat, lon), strict=True):
                sample = ColumnSample("public", table, name, "double", pa.array(values, type=pa.float64()))
                out.append(LabeledColumn(sample, "geolocation"))
    return out


def build_held_out_names(n_values: int = 100, seed: int = 3) -> list[LabeledColumn]:
    """Obfuscated name columns from locales whose names the dictionaries do not contain."""
    out = []
    for li, locale in enumerate(HELD_OUT_LOCALES):
        for kind in ("name", "first_name", "last_name"):
            spec = Spec("person_name", ("x",), lambda f, r, k=kind: getattr(f, k)())
            out.append(_column(spec, locale, f"h_{li}_{kind[:1]}", f"held_{li}", n_values, seed + li))
    return out


def speed_columns(total: int, n_values: int = 100) -> list[ColumnSample]:
    """`total` columns for the speed figure: the benchmark columns repeated under fresh table names."""
    base = [c.sample for c in build_columns(n_values, LOCALES[:2])]
    out = []
    for i in range(total):
        s = base[i % len(base)]
        out.append(
            ColumnSample(s.schema_name, f"{s.table}_{i // len(base)}", s.column, s.data_type, s.values)
        )
    return out
