"""Multilingual and adversarial labeled columns for the PII benchmark, built in memory from a seed.

The multilingual set is customer tables the way German, French, Japanese, Russian, Arabic,
Hebrew, Chinese and Korean systems name and fill them (`Vorname`, `date_de_naissance`, `氏名`,
`ФИО`), plus national ids of a dozen countries; every column whose values alone identify it is
also emitted under a meaningless name (`c_17`). The adversarial set is the shapes that trip
classifiers: JSON contact blocks, free-text notes, columns that are mostly NULL, display-name
emails, E.164 phones, IPv6, MACs in three notations, card numbers in groups under names that
sound like a thing's id, and decoys (UUIDs, hashes, ISBNs, EANs, tracking numbers, company names
in several scripts, file paths, product codes, words of CJK/Cyrillic/Arabic/Hebrew text).
"""

from __future__ import annotations

import importlib
import itertools
import json
import random
import string
from collections.abc import Callable
from dataclasses import dataclass

import phonenumbers
import pyarrow as pa
from faker import Faker
from stdnum.eu import vat as eu_vat
from stdnum.iso7064 import mod_11_10
from stdnum.jp import in_ as jp_in

from bench.pii_benchmark_data import LabeledColumn, _luhn_complete
from tdm_agents.pii_detection.models import ColumnSample

Maker = Callable[[Faker, random.Random], object]


@dataclass(frozen=True)
class Col:
    """One benchmark column: label (None: not PII), name as the schema spells it, value maker."""

    label: str | None
    name: str
    make: Maker
    arrow_type: pa.DataType = pa.string()
    obfuscate: bool = True
    null_share: float = 0.0


def _valid(make: Maker, check: Callable[[str], bool]) -> Maker:
    """Draw until the value passes `check` (Faker's ids are not always valid)."""

    def draw(f: Faker, r: random.Random) -> str:
        for _ in range(500):
            value = str(make(f, r))
            if check(value):
                return value
        raise RuntimeError("no valid value drawn")

    return draw


def _e164(region: str) -> Maker:
    def draw(f: Faker, r: random.Random) -> str:
        for _ in range(200):
            try:
                number = phonenumbers.parse(f.phone_number(), region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number):
                return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        raise RuntimeError(f"no valid {region} phone number drawn")

    return draw


def grouped_card(_: Faker, r: random.Random) -> str:
    """A Luhn-valid card number as printed: 4-4-4-4 (Visa, Mastercard, Discover) or 4-6-5 (Amex)."""
    prefix, length = r.choice(
        [("4", 16), ("5" + str(r.randint(1, 5)), 16), ("6011", 16), ("3" + r.choice("47"), 15)]
    )
    number = _luhn_complete(
        prefix + "".join(r.choice(string.digits) for _ in range(length - len(prefix) - 1))
    )
    sep = r.choice(" -")
    if length == 15:
        return sep.join((number[:4], number[4:10], number[10:]))
    return sep.join(number[i : i + 4] for i in range(0, 16, 4))


def _de_idnr(_: Faker, r: random.Random) -> str:
    body = str(r.randint(1, 9)) + "".join(r.choice(string.digits) for _ in range(9))
    return body + mod_11_10.calc_check_digit(body)


def _fr_tva(_: Faker, r: random.Random) -> str:
    siren = _luhn_complete(str(r.randint(1, 9)) + "".join(r.choice(string.digits) for _ in range(7)))
    return f"FR{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}"


def _digits(n: int) -> Maker:
    return lambda f, r: "".join(r.choice(string.digits) for _ in range(n))


def _in_pan(_: Faker, r: random.Random) -> str:
    letters = lambda k: "".join(r.choice(string.ascii_uppercase) for _ in range(k))  # noqa: E731
    return f"{letters(3)}P{letters(1)}{r.randint(0, 9999):04d}{letters(1)}"


def _mac(_: Faker, r: random.Random) -> str:
    octets = [f"{r.randint(0, 255):02x}" for _ in range(6)]
    style = r.randint(0, 2)
    if style == 2:
        return ".".join("".join(octets[i : i + 2]) for i in range(0, 6, 2))
    return (":" if style == 0 else "-").join(octets).upper() if style else ":".join(octets)


def _contact_json(f: Faker, r: random.Random) -> str:
    block = {"name": f.name(), "email": f.email(), "phone": f.phone_number(), "city": f.city()}
    return json.dumps(block, ensure_ascii=False)


def _display_email(f: Faker, r: random.Random) -> str:
    name = f.name()
    return f'"{name}" <{f.email()}>' if r.random() < 0.5 else f"{name} <{f.email()}>"


_NOTE_TEMPLATES = {
    "de_DE": ("Kunde {name} bittet um Rückruf unter {phone}.", "Rechnung bitte an {email} senden, danke."),
    "fr_FR": (
        "Le client {name} souhaite être rappelé au {phone}.",
        "Merci d'envoyer la facture à {email} rapidement.",
    ),
    "en_US": (
        "Customer {name} asked for a call back on {phone}.",
        "Please send the invoice to {email} today.",
    ),
}


def _notes(locale: str) -> Maker:
    def draw(f: Faker, r: random.Random) -> str:
        if r.random() < 0.3:
            template = r.choice(_NOTE_TEMPLATES[locale])
            return template.format(name=f.name(), phone=f.phone_number(), email=f.email())
        return f.sentence(nb_words=9)

    return draw


def _company_with(words: tuple[str, ...], suffixes: tuple[str, ...]) -> Maker:
    """Company names in a script Faker has no company list for: a family name and a legal form."""
    return lambda f, r: f"{r.choice(words)} {f.last_name()} {r.choice(suffixes)}".strip()


def _file_path(f: Faker, r: random.Random) -> str:
    return f.file_path(depth=r.randint(1, 4))


def _ups(_: Faker, r: random.Random) -> str:
    alnum = string.ascii_uppercase + string.digits
    return (
        "1Z"
        + "".join(r.choice(alnum) for _ in range(6))
        + "".join(r.choice(string.digits) for _ in range(10))
    )


def _usps(_: Faker, r: random.Random) -> str:
    number = "9400" + "".join(r.choice(string.digits) for _ in range(18))
    return " ".join(number[i : i + 4] for i in range(0, 22, 4))


def _hash(f: Faker, r: random.Random) -> str:
    return r.choice((f.md5, f.sha1, f.sha256))()


def _words(n_min: int, n_max: int, joiner: str = " ") -> Maker:
    return lambda f, r: joiner.join(f.words(r.randint(n_min, n_max)))


def _common(locale: str, region: str) -> list[Col]:
    """Columns every customer table has, whatever its language: contact data and the decoys."""
    return [
        Col("phone", "phone_e164", _e164(region)),
        Col("email", "email", lambda f, r: f.email()),
        Col("ip_address", "last_ip", lambda f, r: f.ipv6()),
        Col("mac_address", "device_mac", _mac),
        Col("credit_card", "card", grouped_card),
        Col(
            "date_of_birth",
            "birth",
            lambda f, r: f.date_of_birth(minimum_age=18, maximum_age=90),
            pa.date32(),
        ),
        Col(None, "uuid", lambda f, r: f.uuid4()),
        Col(None, "file_path", _file_path),
        Col(None, "company", lambda f, r: f.company()),
    ]


def _table_de() -> tuple[str, str, str, list[Col]]:
    return "de_DE", "DE", "kunden", [
        Col("person_name", "Vorname", lambda f, r: f.first_name()),
        Col("person_name", "Nachname", lambda f, r: f.last_name()),
        Col("email", "E-Mail", lambda f, r: f.email()),
        Col("phone", "Telefon", lambda f, r: f.phone_number()),
        Col("date_of_birth", "Geburtsdatum", lambda f, r: f.date_of_birth(minimum_age=18, maximum_age=90), pa.date32()),
        Col("street_address", "Straße", lambda f, r: f.street_address()),
        Col("postcode", "PLZ", lambda f, r: f.postcode(), obfuscate=False),
        Col("city", "Ort", lambda f, r: f.city()),
        Col("iban", "IBAN", lambda f, r: f.iban()),
        Col("national_id", "Steuer_ID", _valid(_de_idnr, _stdnum("de.idnr"))),
        Col("national_id", "USt_IdNr", _valid(lambda f, r: f.vat_id(), eu_vat.is_valid)),
        Col("credit_card", "Kartennummer", grouped_card),
        Col("free_text_pii", "Notizen", _notes("de_DE")),
        Col(None, "Artikelnummer", lambda f, r: f.bothify("ART-####-??").upper()),
        Col(None, "Firma", lambda f, r: f.company()),
        Col(None, "Beschreibung", lambda f, r: f.sentence(nb_words=8)),
    ]  # fmt: skip


def _table_fr() -> tuple[str, str, str, list[Col]]:
    return "fr_FR", "FR", "clients", [
        Col("person_name", "prénom", lambda f, r: f.first_name()),
        Col("person_name", "nom", lambda f, r: f.last_name()),
        Col("email", "courriel", lambda f, r: f.email()),
        Col("phone", "telephone", lambda f, r: f.phone_number()),
        Col("date_of_birth", "date_de_naissance", lambda f, r: f.date_of_birth(minimum_age=18, maximum_age=90), pa.date32()),
        Col("street_address", "adresse", lambda f, r: f.street_address()),
        Col("postcode", "code_postal", lambda f, r: f.postcode(), obfuscate=False),
        Col("national_id", "numero_secu", lambda f, r: f.ssn()),
        Col("national_id", "numero_tva", _fr_tva),
        Col("credit_card", "numero_carte", grouped_card),
        Col("free_text_pii", "remarques", _notes("fr_FR")),
        Col(None, "societe", lambda f, r: f.company()),
        Col(None, "reference_produit", lambda f, r: f.bothify("REF-??-#####").upper()),
    ]  # fmt: skip


def _table_ja() -> tuple[str, str, str, list[Col]]:
    return "ja_JP", "JP", "顧客", [
        Col("person_name", "氏名", lambda f, r: f.name()),
        Col("person_name", "フリガナ", lambda f, r: f.kana_name()),
        Col("person_name", "name_romaji", lambda f, r: f.romanized_name()),
        Col("person_name", "sei", lambda f, r: f.last_name(), obfuscate=False),
        Col("phone", "電話番号", lambda f, r: f.phone_number()),
        Col("email", "メールアドレス", lambda f, r: f.email()),
        Col("street_address", "住所", lambda f, r: f.address().replace("\n", " ")),
        Col("postcode", "郵便番号", lambda f, r: f.postcode(), obfuscate=False),
        Col("date_of_birth", "seinengappi", lambda f, r: f.date_of_birth(minimum_age=18, maximum_age=90), pa.date32()),
        Col("national_id", "マイナンバー", _valid(_digits(12), jp_in.is_valid)),
        Col(None, "会社名", lambda f, r: f.company()),
        Col(None, "商品名", _words(1, 2, "")),
    ]  # fmt: skip


def _table_ru() -> tuple[str, str, str, list[Col]]:
    return "ru_RU", "RU", "клиенты", [
        Col("person_name", "ФИО", lambda f, r: f.name()),
        Col("person_name", "фамилия", lambda f, r: f.last_name()),
        Col("person_name", "имя", lambda f, r: f.first_name()),
        Col("person_name", "kontakt", lambda f, r: f"{f.first_name()} {f.last_name()}"),
        Col("phone", "телефон", lambda f, r: f.phone_number()),
        Col("street_address", "адрес", lambda f, r: f.address()),
        Col("date_of_birth", "дата_рождения", lambda f, r: f.date_of_birth(minimum_age=18, maximum_age=90), pa.date32()),
        Col("national_id", "ИНН", lambda f, r: f.individuals_inn()),
        Col(None, "компания", lambda f, r: f.company()),
        Col(None, "товар", _words(1, 3)),
    ]  # fmt: skip


def _table_ar() -> tuple[str, str, str, list[Col]]:
    company = _company_with(("شركة", "مؤسسة", "مجموعة"), ("للتجارة", "للمقاولات", "القابضة"))
    return (
        "ar_SA",
        "SA",
        "عملاء",
        [
            Col("person_name", "الاسم", lambda f, r: f.name()),
            Col("person_name", "full_name", lambda f, r: f"{f.first_name_male()} {f.first_name_male()}"),
            Col(None, "الشركة", company),
            Col(None, "المنتج", _words(1, 3)),
        ],
    )


def _table_he() -> tuple[str, str, str, list[Col]]:
    company = _company_with(("חברת", "קבוצת"), ('בע"מ', "בעמ", ""))
    return "he_IL", "IL", "לקוחות", [
        Col("person_name", "שם", lambda f, r: f.name()),
        Col("street_address", "כתובת", lambda f, r: f.address().replace("\n", ", ")),
        Col("national_id", "teudat_zehut", _valid(lambda f, r: f.ssn(), _stdnum("il.idnr"))),
        Col(None, "חברה", company),
    ]  # fmt: skip


def _table_zh() -> tuple[str, str, str, list[Col]]:
    return (
        "zh_CN",
        "CN",
        "客户",
        [
            Col("person_name", "姓名", lambda f, r: f.name()),
            Col("national_id", "身份证号", _valid(lambda f, r: f.ssn(), _stdnum("cn.ric"))),
            Col("street_address", "地址", lambda f, r: f.address()),
            Col(None, "公司", lambda f, r: f.company()),
            Col(None, "产品", _words(1, 2, "")),
        ],
    )


def _table_ko() -> tuple[str, str, str, list[Col]]:
    return (
        "ko_KR",
        "KR",
        "고객",
        [
            Col("person_name", "성명", lambda f, r: f.name()),
            Col("phone", "전화번호", lambda f, r: f.phone_number()),
            Col(None, "회사", lambda f, r: f.company()),
        ],
    )


def _ids_table() -> tuple[str, str, str, list[Col]]:
    """National ids of more countries, each drawn in its own locale."""
    return "en_US", "US", "identities", [
        Col("national_id", "codice_fiscale", _in_locale("it_IT", lambda f, r: f.ssn())),
        Col("national_id", "pesel", _in_locale("pl_PL", lambda f, r: f.pesel())),
        Col("national_id", "personnummer", _in_locale("sv_SE", lambda f, r: f.ssn())),
        Col("national_id", "cpf", _in_locale("pt_BR", lambda f, r: f.cpf())),
        Col("national_id", "curp", _in_locale("es_MX", _valid(lambda f, r: f.curp(), _stdnum("mx.curp")))),
        Col("national_id", "ahv_nummer", _in_locale("de_CH", lambda f, r: f.ssn())),
        Col("national_id", "tc_kimlik_no", _in_locale("tr_TR", lambda f, r: f.ssn())),
        Col("national_id", "cnp", _in_locale("ro_RO", lambda f, r: f.ssn())),
        Col("national_id", "pan_card", _in_pan),
        Col("national_id", "vat_number", _in_locale("nl_NL", _valid(lambda f, r: f"NL{r.randint(10**8, 10**9 - 1)}B{r.randint(1, 99):02d}", eu_vat.is_valid))),
        Col("national_id", "dni", _in_locale("es_ES", lambda f, r: f.nif())),
    ]  # fmt: skip


def _in_locale(locale: str, make: Maker) -> Maker:
    """Draw with a Faker of another locale, seeded from the column's generator on first use."""
    state: dict[str, Faker] = {}

    def draw(f: Faker, r: random.Random) -> object:
        if "faker" not in state:
            state["faker"] = Faker(locale)
            state["faker"].seed_instance(r.randint(0, 2**31))
        return make(state["faker"], r)

    return draw


def _stdnum(module: str) -> Callable[[str], bool]:
    return importlib.import_module(f"stdnum.{module}").is_valid


MULTILINGUAL_TABLES = (
    _table_de,
    _table_fr,
    _table_ja,
    _table_ru,
    _table_ar,
    _table_he,
    _table_zh,
    _table_ko,
    _ids_table,
)


def _adversarial_table() -> tuple[str, str, str, list[Col]]:
    """Shapes that trip classifiers, and decoys that look like PII but are not."""
    return "en_US", "US", "crm_contacts", [
        Col("free_text_pii", "contact_json", _contact_json),
        Col("free_text_pii", "notes", _notes("en_US")),
        Col("email", "sender", _display_email),
        Col("email", "alt_email", lambda f, r: f.email(), null_share=0.9),
        Col("phone", "mobile", _e164("US"), null_share=0.92),
        Col("phone", "intl_phone", _in_locale("en_GB", _e164("GB"))),
        Col("ip_address", "ipv6", lambda f, r: f.ipv6()),
        Col("mac_address", "mac", _mac),
        Col("credit_card", "card_ref", grouped_card, obfuscate=False),
        Col("credit_card", "payment_code", grouped_card, obfuscate=False),
        Col("person_name", "display_name", lambda f, r: f.name(), null_share=0.8),
        Col(None, "request_id", lambda f, r: f.uuid4()),
        Col(None, "object_uuid", lambda f, r: f.uuid4().upper()),
        Col(None, "digest", _hash),
        Col(None, "isbn13", lambda f, r: f.isbn13()),
        Col(None, "isbn10", lambda f, r: f.isbn10()),
        Col(None, "ean13", lambda f, r: f.ean13()),
        Col(None, "ean8", lambda f, r: f.ean8()),
        Col(None, "ups_tracking", _ups),
        Col(None, "usps_tracking", _usps),
        Col(None, "fedex_tracking", _digits(12)),
        Col(None, "company_name", lambda f, r: f.company()),
        Col(None, "company_de", _in_locale("de_DE", lambda f, r: f.company())),
        Col(None, "company_ja", _in_locale("ja_JP", lambda f, r: f.company())),
        Col(None, "company_zh", _in_locale("zh_CN", lambda f, r: f.company())),
        Col(None, "company_ru", _in_locale("ru_RU", lambda f, r: f.company())),
        Col(None, "company_ko", _in_locale("ko_KR", lambda f, r: f.company())),
        Col(None, "attachment_path", _file_path),
        Col(None, "product_code", lambda f, r: f.bothify("??-####-??").upper()),
        Col(None, "sku_grouped", lambda f, r: f.numerify("####-####-####"), obfuscate=False),
        Col(None, "color_hex", lambda f, r: f.hex_color()),
        Col(None, "version", lambda f, r: f"{r.randint(0, 9)}.{r.randint(0, 30)}.{r.randint(0, 99)}"),
        Col(None, "url", lambda f, r: f.url()),
        Col(None, "words_ja", _in_locale("ja_JP", _words(1, 2, ""))),
        Col(None, "words_zh", _in_locale("zh_CN", _words(1, 2, ""))),
        Col(None, "words_ru", _in_locale("ru_RU", _words(1, 3))),
        Col(None, "words_ar", _in_locale("ar_AA", _words(1, 3))),
        Col(None, "words_he", _in_locale("he_IL", _words(1, 3))),
        Col("city", "city_ja", _in_locale("ja_JP", lambda f, r: f.city()), obfuscate=False),
        Col(None, "order_status", lambda f, r: r.choice(["open", "shipped", "returned", "cancelled"])),
    ]  # fmt: skip


def _build(tables, n_values: int, seed: int, prefix: str) -> list[LabeledColumn]:
    columns: list[LabeledColumn] = []
    counter = itertools.count(1)
    for ti, table_fn in enumerate(tables):
        locale, region, table, specs = table_fn()
        specs = specs + (_common(locale, region) if table_fn in MULTILINGUAL_TABLES[:-1] else [])
        for ci, spec in enumerate(specs):
            column_seed = seed * 10_000 + ti * 100 + ci
            columns.append(_column(spec, locale, table, spec.name, n_values, column_seed))
            if spec.obfuscate:
                name = f"c_{next(counter)}"
                columns.append(_column(spec, locale, f"{prefix}{ti}_{ci}", name, n_values, column_seed + 50))
    return columns


def _column(spec: Col, locale: str, table: str, name: str, n: int, seed: int) -> LabeledColumn:
    faker = Faker(locale)
    faker.seed_instance(seed)
    rnd = random.Random(seed)
    values = [None if rnd.random() < spec.null_share else spec.make(faker, rnd) for _ in range(n)]
    if spec.arrow_type == pa.string():
        values = [None if v is None else str(v) for v in values]
    sample = ColumnSample("public", table, name, str(spec.arrow_type), pa.array(values, type=spec.arrow_type))
    return LabeledColumn(sample, spec.label)


def build_multilingual(n_values: int = 100, seed: int = 11) -> list[LabeledColumn]:
    """German, French, Japanese, Russian, Arabic, Hebrew, Chinese, Korean customers and more ids."""
    return _build(MULTILINGUAL_TABLES, n_values, seed, "ml")


def build_adversarial(n_values: int = 100, seed: int = 13) -> list[LabeledColumn]:
    """JSON, free text, sparse columns, display-name emails, grouped cards, and decoys."""
    return _build((_adversarial_table,), n_values, seed, "adv")


# Real names written by hand, many outside Faker's lists: how the shape rules do beyond the dictionary.
HELD_OUT_WORLD_NAMES: dict[str, tuple[str, ...]] = {
    "japanese": ("小野寺 翔", "五十嵐 蓮", "長谷川 陽菜", "宮崎 大翔", "石川 結菜", "福田 湊", "森田 凛", "今井 悠真",
                 "藤田 美咲", "岡田 拓海", "前田 七海", "松尾 颯", "杉山 葵", "大野 樹", "千葉 陽向"),
    "chinese": ("赵丽颖", "周杰伦", "孙俪", "胡歌", "郑爽", "马云", "罗志祥", "谢霆锋", "韩寒", "唐嫣", "冯小刚",
                "邓超", "许晴", "蒋欣", "何炅"),
    "korean": ("손흥민", "김연아", "박지성", "이민호", "송혜교", "전지현", "한효주", "유재석", "강호동", "신민아",
               "조인성", "배수지", "임윤아", "권지용", "남궁민"),
    "cyrillic": ("Алексей Смирнов", "Татьяна Кузнецова", "Николай Соколов", "Екатерина Морозова", "Павел Новиков",
                 "Светлана Лебедева", "Андрей Козлов", "Наталья Егорова", "Виктор Павлов", "Юлия Семёнова",
                 "Олег Голубев", "Ирина Виноградова", "Тарас Шевченко", "Оксана Бондаренко", "Богдан Ткачук"),
    "arabic": ("أحمد الشمري", "خالد العتيبي", "نورة القحطاني", "سارة الدوسري", "عبدالله المطيري", "ريم الزهراني",
               "فهد الحربي", "هند الغامدي", "ماجد السبيعي", "لينا العنزي", "طارق حداد", "رنا خوري", "زياد نصار",
               "دينا سليمان", "كريم منصور"),
    "hebrew": ("נועה ברק", "איתי שושן", "תמר גולן", "אורי אלון", "יעל רוזן", "עידו כהן", "שירה לנדאו",
               "גיל פרידמן", "מאיה שפירא", "רון אשכנזי", "הילה דהן", "עמית סגל", "ליאור חזן", "אביגיל רביבו", "דניאל טל"),
}  # fmt: skip


def build_held_out_world_names(n_values: int = 100) -> list[LabeledColumn]:
    """One obfuscated column per script of the hand-written names above, cycled to `n_values`."""
    out = []
    for i, (script, names) in enumerate(HELD_OUT_WORLD_NAMES.items()):
        values = list(itertools.islice(itertools.cycle(names), n_values))
        sample = ColumnSample(
            "public", f"held_world_{script}", f"h_{i}", "string", pa.array(values, type=pa.string())
        )
        out.append(LabeledColumn(sample, "person_name"))
    return out
