"""National ids via python-stdnum, grouped card numbers, display-name emails, and their decoys."""

from __future__ import annotations

import itertools
import random

import pyarrow as pa
import pytest
from faker import Faker
from stdnum import luhn

from tdm_agents.pii_detection.classify import classify_columns
from tdm_agents.pii_detection.models import ColumnSample
from tdm_agents.pii_detection.national_ids import national_id_subtype
from tdm_agents.pii_detection.validators import is_display_name_email

N = 60

VALID_IDS = {
    "de_idnr": "36 574 261 809",
    "it_codice_fiscale": "RCCMNL83S18D969H",
    "pl_pesel": "44051401359",
    "se_personnummer": "880320-0016",
    "br_cpf": "390.533.447-05",
    "cn_ric": "360426199101010071",
    "ru_inn": "123456789047",
    "kr_rrn": "971013-9019902",
    "ro_cnp": "1630615123457",
    "ch_ahv": "756.9217.0769.85",
    "tr_tc_kimlik": "17291716060",
    "be_national_number": "85.07.30-033.28",
    "fi_hetu": "131052-308T",
    "in_pan": "ACUPA7085R",
    "mx_curp": "BOXW310820HNERXN09",
    "eu_vat": "DE136695976",
    "jp_my_number": "6214 9832 0257",
}


def column(values: list, name: str = "c_1", table: str = "t_x") -> ColumnSample:
    cycled = list(itertools.islice(itertools.cycle(values), N))
    return ColumnSample("public", table, name, "text", pa.array(cycled, type=pa.string()))


def finding(sample: ColumnSample):
    findings = classify_columns([sample])
    return findings[0] if findings else None


@pytest.mark.parametrize(("subtype", "value"), sorted(VALID_IDS.items()))
def test_valid_ids_are_recognised_with_their_subtype(subtype: str, value: str) -> None:
    assert national_id_subtype(value) == subtype


@pytest.mark.parametrize(("subtype", "value"), sorted((k, v) for k, v in VALID_IDS.items() if k != "in_pan"))
def test_a_wrong_check_digit_is_refused(subtype: str, value: str) -> None:
    last = value[-1]
    wrong = (
        value[:-1] + ("1" if last != "1" else "2")
        if last.isdigit()
        else value[:-1] + ("A" if last != "A" else "B")
    )
    assert national_id_subtype(wrong) != subtype


@pytest.mark.parametrize(
    ("locale", "method", "subtype"),
    [("it_IT", "ssn", "it_codice_fiscale"), ("pl_PL", "pesel", "pl_pesel"), ("sv_SE", "ssn", "se_personnummer"),
     ("pt_BR", "cpf", "br_cpf"), ("de_CH", "ssn", "ch_ahv"), ("ru_RU", "individuals_inn", "ru_inn"),
     ("de_DE", "vat_id", "eu_vat"), ("ro_RO", "ssn", "ro_cnp")],
)  # fmt: skip
def test_id_columns_are_flagged_as_checksummed_national_ids(locale: str, method: str, subtype: str) -> None:
    fake = Faker(locale)
    fake.seed_instance(4)
    result = finding(column([str(getattr(fake, method)()) for _ in range(N)]))
    assert result is not None and result.pii_type == "national_id"
    assert result.subtype == subtype and result.technique == "checksum"


def _grouped_cards(seed: int = 1) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for _ in range(N):
        body = "4" + "".join(rnd.choice("0123456789") for _ in range(14))
        number = body + str(luhn.calc_check_digit(body))
        out.append(rnd.choice(" -").join(number[i : i + 4] for i in range(0, 16, 4)))
    return out


@pytest.mark.parametrize(
    "name", ["c_7", "card_ref", "payment_code", "card_id", "Kartennummer", "numero_carte"]
)
def test_grouped_card_numbers_are_cards_whatever_the_column_is_called(name: str) -> None:
    # The other miss of issue 16: '4916 3451 7832 9105' under a name that sounds like a thing's id.
    result = finding(column(_grouped_cards(), name=name, table="payments"))
    assert result is not None and result.pii_type == "credit_card"


def test_ungrouped_luhn_numbers_under_a_product_name_stay_unflagged() -> None:
    bare = [card.replace(" ", "").replace("-", "") for card in _grouped_cards(2)]
    assert finding(column(bare, name="sku", table="product")) is None


@pytest.mark.parametrize(
    ("name", "make"),
    [("c_2", lambda f, r: f.isbn13()), ("c_3", lambda f, r: f.isbn10()), ("c_4", lambda f, r: f.ean13()),
     ("c_5", lambda f, r: f.uuid4()), ("c_6", lambda f, r: f.sha256()), ("c_8", lambda f, r: f.numerify("############")),
     ("c_9", lambda f, r: f.numerify("####-####-####")), ("c_10", lambda f, r: "9400 " + f.numerify("#### #### #### #### ##")),
     ("c_11", lambda f, r: "1Z" + f.bothify("??##??##########").upper()), ("c_12", lambda f, r: f.file_path(depth=3))],
)  # fmt: skip
def test_decoys_stay_unflagged(name: str, make) -> None:
    fake = Faker("en_US")
    fake.seed_instance(6)
    rnd = random.Random(6)
    assert finding(column([make(fake, rnd) for _ in range(N)], name=name)) is None


def test_display_name_emails_are_emails() -> None:
    fake = Faker("en_US")
    fake.seed_instance(8)
    values = [
        f'"{fake.name()}" <{fake.email()}>' if i % 2 else f"{fake.name()} <{fake.email()}>" for i in range(N)
    ]
    result = finding(column(values, name="sender"))
    assert result is not None and result.pii_type == "email"
    assert is_display_name_email('"Jane Doe" <jane@x.org>')
    assert not is_display_name_email("<jane@x.org>") and not is_display_name_email("Jane <not an address>")
