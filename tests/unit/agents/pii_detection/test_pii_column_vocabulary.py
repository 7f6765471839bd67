"""Column names in other languages than English: German, French, Spanish, Japanese, Russian, ..."""

from __future__ import annotations

import pytest

from tdm_agents.pii_detection.names import name_evidence, tokenize


@pytest.mark.parametrize(
    ("table", "column", "pii_type", "subtype"),
    [("kunden", "Vorname", "person_name", "first_name"), ("kunden", "Nachname", "person_name", "last_name"),
     ("kunden", "Geburtsdatum", "date_of_birth", None), ("kunden", "Straße", "street_address", None),
     ("kunden", "Telefon-Nr.", "phone", None), ("kunden", "E-Mail", "email", None),
     ("kunden", "USt-IdNr", "national_id", "eu_vat"), ("kunden", "Kartennummer", "credit_card", None),
     ("clients", "prénom", "person_name", "first_name"), ("clients", "nom", "person_name", "last_name"),
     ("clients", "date_de_naissance", "date_of_birth", None), ("clients", "courriel", "email", None),
     ("clients", "adresse", "street_address", None), ("clients", "code_postal", "postcode", None),
     ("clientes", "fecha_de_nacimiento", "date_of_birth", None), ("clientes", "correo_electronico", "email", None),
     ("clienti", "cognome", "person_name", "last_name"), ("clienti", "codice_fiscale", "national_id", None),
     ("clientes", "data_de_nascimento", "date_of_birth", None), ("klanten", "geboortedatum", "date_of_birth", None),
     ("klienci", "nazwisko", "person_name", "last_name"), ("kunder", "personnummer", "national_id", None),
     ("kokyaku", "namae", "person_name", "full_name"), ("kokyaku", "seinengappi", "date_of_birth", None),
     ("kokyaku", "denwa_bango", "phone", None), ("顧客", "氏名", "person_name", "full_name"),
     ("顧客", "電話番号", "phone", None), ("顧客", "生年月日", "date_of_birth", None),
     ("клиенты", "ФИО", "person_name", "full_name"), ("клиенты", "дата_рождения", "date_of_birth", None),
     ("клиенты", "почтовый_индекс", "postcode", None), ("客户", "身份证号", "national_id", None),
     ("고객", "전화번호", "phone", None)],
)  # fmt: skip
def test_foreign_column_names(table: str, column: str, pii_type: str, subtype: str | None) -> None:
    evidence = name_evidence(table, column)
    assert evidence is not None and (evidence.pii_type, evidence.subtype) == (pii_type, subtype)


@pytest.mark.parametrize("column", ["vat", "tva", "ad_title", "clave", "Firma", "kunden_id", "Artikelnummer"])
def test_ambiguous_or_thing_names_do_not_claim_pii(column: str) -> None:
    evidence = name_evidence("kunden", column)
    assert evidence is None or evidence.pii_type is None


def test_tokenize_folds_accents_and_keeps_other_scripts_whole() -> None:
    assert tokenize("Straße") == ["strasse"]
    assert tokenize("código_postal") == ["codigo", "postal"]
    assert tokenize("дата_рождения") == ["дата", "рождения"]
    assert tokenize("電話番号") == ["電話番号"]
