"""Personal names and addresses in CJK, Hangul, Cyrillic, Arabic and Hebrew scripts; their decoys."""

from __future__ import annotations

import itertools

import pyarrow as pa
import pytest
from faker import Faker

from tdm_agents.pii_detection.classify import classify_columns
from tdm_agents.pii_detection.models import ColumnSample
from tdm_agents.pii_detection.scripts import script_of
from tdm_agents.pii_detection.word_checks import is_street_address, person_name_kind

N = 60


def column(values: list[str], name: str = "c_1") -> ColumnSample:
    cycled = list(itertools.islice(itertools.cycle(values), N))
    return ColumnSample("public", "t_x", name, "text", pa.array(cycled, type=pa.string()))


def faker_column(locale: str, method: str, seed: int = 5) -> ColumnSample:
    fake = Faker(locale)
    fake.seed_instance(seed)
    return column([str(getattr(fake, method)()) for _ in range(N)])


def finding_type(sample: ColumnSample) -> str | None:
    findings = classify_columns([sample])
    return findings[0].pii_type if findings else None


# Real names written the way people write them, several outside Faker's lists (小野寺, 翔, 美加子).
HELD_OUT_NAMES = {
    "japanese": ["遠藤 美加子", "佐々木 健太", "高橋 結衣", "小野寺 翔", "中村 大輔", "山本 さくら"],
    "chinese": ["王芳", "李娜", "张伟", "刘洋", "陈静", "杨秀英"],
    "korean": ["김민준", "이서연", "박지호", "최수아", "정우진", "강하은"],
    "cyrillic": ["Иван Петров", "Ольга Смирнова", "Дмитрий Кузнецов", "Анна Сергеевна Волкова", "Сергей Иванов", "Мария Попова"],
    "arabic": ["محمد أحمد", "فاطمة الزهراء", "علي حسن", "عمر خالد", "يوسف إبراهيم", "مريم علي"],
    "hebrew": ["דוד כהן", "שרה לוי", "משה מזרחי", "רחל פרץ", "יוסף ביטון", "מיכל אברהם"],
}  # fmt: skip
COMPANIES = [
    "トヨタ自動車株式会社", "渡辺建設株式会社", "华为技术有限公司", "中建创业信息有限公司", "주식회사 한가람출판",
    "ООО «Ромашка»", "Абрамов Инкорпорэйтед", "شركة أرامكو السعودية", 'קבוצת כהן בע"מ', "Игнатова Лтд",
]  # fmt: skip
ADDRESSES = [
    "東京都千代田区丸の内1丁目2番3号", "辽宁省沈阳市和平路12号", "서울특별시 강남구 테헤란로 152",
    "г. Москва, ул. Тверская, д. 7", "вулиця Хрещатик, буд. 22, Київ", "נחל סרפד 29, חצור-אשדוד",
]  # fmt: skip


@pytest.mark.parametrize("value", [v for names in HELD_OUT_NAMES.values() for v in names])
def test_held_out_full_names_are_recognised(value: str) -> None:
    assert person_name_kind(value) == "full_name"


@pytest.mark.parametrize(
    "value", COMPANIES + ADDRESSES + ["行业", "继续", "близко", "господь", "Москва", "鉱山"]
)
def test_companies_addresses_and_words_are_not_names(value: str) -> None:
    assert person_name_kind(value) is None


@pytest.mark.parametrize("value", ADDRESSES)
def test_non_latin_addresses_are_addresses(value: str) -> None:
    assert is_street_address(value)


@pytest.mark.parametrize("value", COMPANIES[:6] + ["Заказ 15, доставка", "商品 12"])
def test_companies_and_order_notes_are_not_addresses(value: str) -> None:
    assert not is_street_address(value)


def test_japanese_full_names_column_is_flagged() -> None:
    # One of the two misses of issue 16: 遠藤 美加子-style names under a meaningless column name.
    assert finding_type(column(HELD_OUT_NAMES["japanese"])) == "person_name"
    assert finding_type(faker_column("ja_JP", "name")) == "person_name"


@pytest.mark.parametrize(
    ("locale", "method"),
    [("ja_JP", "kana_name"), ("ja_JP", "romanized_name"), ("zh_CN", "name"), ("zh_TW", "name"),
     ("ko_KR", "name"), ("ru_RU", "name"), ("uk_UA", "name"), ("ar_SA", "name"), ("he_IL", "name")],
)  # fmt: skip
def test_faker_name_columns_of_other_scripts_are_flagged(locale: str, method: str) -> None:
    assert finding_type(faker_column(locale, method)) == "person_name"


@pytest.mark.parametrize("script", sorted(HELD_OUT_NAMES))
def test_held_out_name_columns_are_flagged(script: str) -> None:
    assert finding_type(column(HELD_OUT_NAMES[script])) == "person_name"


@pytest.mark.parametrize("locale", ["ja_JP", "zh_CN", "zh_TW", "ko_KR", "ru_RU", "bg_BG"])
def test_company_columns_of_other_scripts_are_not_names(locale: str) -> None:
    assert finding_type(faker_column(locale, "company")) != "person_name"


@pytest.mark.parametrize("locale", ["ja_JP", "zh_CN", "ru_RU", "uk_UA", "he_IL"])
def test_address_columns_of_other_scripts_are_addresses(locale: str) -> None:
    fake = Faker(locale)
    fake.seed_instance(3)
    values = [fake.address().replace("\n", ", ") for _ in range(N)]
    assert finding_type(column(values)) == "street_address"


@pytest.mark.parametrize("locale", ["zh_CN", "ja_JP", "ru_RU", "he_IL", "ar_AA"])
def test_columns_of_ordinary_words_are_not_names(locale: str) -> None:
    fake = Faker(locale)
    fake.seed_instance(9)
    assert finding_type(column([fake.word() for _ in range(N)])) is None


@pytest.mark.parametrize(
    ("value", "script"),
    [("Jane Doe", "latin"), ("遠藤 美加子", "cjk"), ("キムラ", "cjk"), ("김민준", "hangul"), ("Иван", "cyrillic"),
     ("محمد", "arabic"), ("דוד", "hebrew"), ("Ivan Петров", "mixed"), ("12345", None)],
)  # fmt: skip
def test_script_of(value: str, script: str | None) -> None:
    assert script_of(value) == script
