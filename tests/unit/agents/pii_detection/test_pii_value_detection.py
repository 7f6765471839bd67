"""Value detection end to end through classify_columns: obfuscated names, look-alikes, free text."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest
from faker import Faker

from tdm_agents.pii_detection.classify import classify_columns
from tdm_agents.pii_detection.models import ColumnSample

N = 60


def sample(
    column: str, values: list, table: str = "t", arrow_type: pa.DataType | None = None
) -> ColumnSample:
    return ColumnSample("public", table, column, "text", pa.array(values, type=arrow_type))


def classify_one(column: ColumnSample):
    findings = classify_columns([column])
    return findings[0] if findings else None


@pytest.fixture
def fake() -> Faker:
    faker = Faker(["en_US"])
    faker.seed_instance(7)
    return faker


@pytest.mark.parametrize(
    ("locale", "provider", "pii_type"),
    [
        ("en_US", "email", "email"),
        ("en_US", "phone_number", "phone"),
        ("de_DE", "phone_number", "phone"),
        ("en_US", "name", "person_name"),
        ("fr_FR", "name", "person_name"),
        ("en_GB", "street_address", "street_address"),
        ("nl_NL", "street_address", "street_address"),
        ("en_US", "ssn", "national_id"),
        ("nl_NL", "ssn", "national_id"),
        ("fr_FR", "ssn", "national_id"),
        ("es_ES", "nif", "national_id"),
        ("en_US", "credit_card_number", "credit_card"),
        ("de_DE", "iban", "iban"),
        ("en_US", "ipv4", "ip_address"),
        ("en_US", "ipv6", "ip_address"),
        ("en_US", "mac_address", "mac_address"),
        ("en_GB", "postcode", "postcode"),
        ("en_US", "user_name", "username"),
    ],
)
def test_obfuscated_columns_are_found_by_their_values(locale: str, provider: str, pii_type: str) -> None:
    faker = Faker(locale)
    faker.seed_instance(11)
    finding = classify_one(sample("c7", [str(getattr(faker, provider)()) for _ in range(N)]))
    assert finding is not None and finding.pii_type == pii_type
    assert finding.technique in ("regex", "checksum")
    assert "sampled values" in finding.explanation


def test_birth_dates_are_told_from_order_dates(fake: Faker) -> None:
    births = sample(
        "d1", [fake.date_of_birth(minimum_age=18, maximum_age=90) for _ in range(N)], arrow_type=pa.date32()
    )
    orders = sample("d2", [fake.date_between("-4y", "today") for _ in range(N)], arrow_type=pa.date32())
    assert classify_one(births).pii_type == "date_of_birth"
    assert classify_one(orders) is None


def test_photos_passwords_and_coordinates(fake: Faker) -> None:
    photos = sample(
        "blob", [b"\x89PNG\r\n\x1a\n" + fake.binary(16) for _ in range(N)], arrow_type=pa.binary()
    )
    hashes = sample("h", ["$2b$12$" + "a" * 22 + fake.pystr(31, 31) for _ in range(N)])
    lat = sample("c1", [float(fake.latitude()) for _ in range(N)], table="visits", arrow_type=pa.float64())
    lon = sample("c2", [float(fake.longitude()) for _ in range(N)], table="visits", arrow_type=pa.float64())
    findings = {f.column: f for f in classify_columns([photos, hashes, lat, lon])}
    assert findings["blob"].pii_type == "photo" and findings["blob"].subtype == "png"
    assert findings["h"].pii_type == "password_hash" and findings["h"].subtype == "bcrypt"
    assert findings["c1"].pii_type == "geolocation" and findings["c2"].pii_type == "geolocation"


def test_free_text_mentioning_pii_is_flagged(fake: Faker) -> None:
    notes = [
        f"Customer asked to be called back at {fake.phone_number()}" if i % 4 == 0 else fake.sentence()
        for i in range(N)
    ]
    plain = [fake.sentence(nb_words=8) for _ in range(N)]
    assert classify_one(sample("notes", notes)).pii_type == "free_text_pii"
    assert classify_one(sample("notes", plain)) is None


def _luhn_complete(body: str) -> str:
    digits = [int(d) for d in body]
    total = 0
    for i, d in enumerate(reversed(digits)):
        d = d * 2 if i % 2 == 0 else d
        total += d - 9 if d > 9 else d
    return body + str((10 - total % 10) % 10)


def test_look_alikes_are_not_flagged(fake: Faker) -> None:
    luhn_ids = [_luhn_complete("4" + fake.numerify("##############")) for _ in range(N)]
    columns = [
        sample("sku", luhn_ids, table="products"),
        sample("tracking_no", luhn_ids, table="shipments"),
        sample("product_code", [fake.bothify("??-####-??").upper() for _ in range(N)], table="products"),
        sample("order_number", [fake.numerify("##########") for _ in range(N)], table="orders"),
        sample("name", [fake.word().title() for _ in range(N)], table="genre"),
        sample("name", [fake.catch_phrase() for _ in range(N)], table="product"),
        sample(
            "amount",
            [round(fake.pyfloat(min_value=1, max_value=80), 2) for _ in range(N)],
            arrow_type=pa.float64(),
        ),
        sample(
            "version",
            [f"{fake.random_int(0, 9)}.{fake.random_int(0, 20)}.{fake.random_int(0, 99)}" for _ in range(N)],
        ),
        sample(
            "created_on",
            [dt.date(2024, 1, 1) + dt.timedelta(days=i) for i in range(N)],
            arrow_type=pa.date32(),
        ),
        sample("file_sha256", [fake.sha256() for _ in range(N)], table="documents"),
    ]
    assert classify_columns(columns) == []


def test_named_columns_with_empty_samples_still_flag() -> None:
    finding = classify_one(sample("ssn", [], arrow_type=pa.string()))
    assert finding is not None and finding.pii_type == "national_id" and finding.technique == "name"


def test_a_name_the_values_contradict_is_dropped(fake: Faker) -> None:
    assert classify_one(sample("long_description", [fake.sentence() for _ in range(N)])) is None
    assert classify_one(sample("email", list(range(N)), arrow_type=pa.int64())) is None
