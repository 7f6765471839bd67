"""Column names for PII in other languages than English, as real schemas spell them.

German, French, Spanish, Italian, Portuguese, Dutch, Polish, Nordic, Turkish, Japanese (romaji
and kana/kanji), Chinese, Korean and Russian/Ukrainian. Keys are written as `names.tokenize`
compacts them: accents folded, `ß` as `ss`, separators removed (`date_de_naissance` ->
`datedenaissance`, `Straße` -> `strasse`, `дата_рождения` -> `датарождения`). Words that are
as often something else (`vat` and `tva` are amounts, `clave` a key, `ad` an advert) are left out.
"""

from __future__ import annotations

# (pii_type, subtype, confidence) -> column names
LANGUAGE_NAME_RULES: dict[tuple[str, str | None, float], tuple[str, ...]] = {
    ("email", None, 0.85): (
        "emailadresse", "mailadresse", "adressemail", "adresseemail", "adresseelectronique", "mel",
        "correoelectronico", "posta", "postaelettronica", "indirizzoemail", "enderecoemail",
        "epostadres", "emailadres", "adresemail", "epostadress", "sahkoposti", "eposta",
        "meruadoresu", "meeruadoresu", "メールアドレス", "メール", "电子邮件", "邮箱", "電子郵件", "이메일",
        "электроннаяпочта", "почта", "емейл", "имейл", "електроннапошта", "пошта",
    ),
    ("phone", None, 0.8): (
        "telefonnummer", "rufnummer", "mobiltelefon", "mobilnummer", "handynummer", "festnetz",
        "numerotelephone", "numerodetelephone", "portable", "telportable", "numerotel",
        "telefonocelular", "celular", "movil", "numerotelefono", "cellulare", "numeroditelefono",
        "telemovel", "telefone", "numerotelefone", "telefoonnummer", "mobiel", "mobielnummer",
        "numertelefonu", "komorka", "telefonnr", "mobilnr", "puhelin", "puhelinnumero",
        "denwa", "denwabango", "keitai", "keitaibango", "電話番号", "電話", "携帯", "携帯電話", "电话",
        "手机", "手機", "电话号码", "전화번호", "휴대폰", "연락처", "телефон", "тел", "мобильный", "номертелефона",
    ),
    ("person_name", "first_name", 0.8): (
        "rufname", "prenoms", "nombres", "primernombre", "nome", "primeironome", "imie", "fornavn",
        "fornamn", "etunimi", "jmeno", "keresztnev", "mei", "名", "名前カナ", "имя", "імя", "ім'я",
        "이름",
    ),
    ("person_name", "last_name", 0.8): (
        "familienname", "zuname", "nomdefamille", "nomdenaissance", "nomfamille", "primerapellido",
        "segundoapellido", "cognome", "sobrenome", "apelido", "nazwisko", "efternamn", "etternavn",
        "efternavn", "sukunimi", "prijmeni", "vezeteknev", "soyad", "soyadi", "sei", "myoji", "姓",
        "苗字", "名字", "성", "фамилия", "прізвище", "отчество", "побатькові",
    ),
    ("person_name", "full_name", 0.8): (
        "vollername", "kundenname", "nomcomplet", "nomclient", "nombrecompleto", "nombrecliente",
        "nomecompleto", "nomecliente", "volledigenaam", "naamklant", "imieinazwisko", "namae",
        "shimei", "氏名", "名前", "お名前", "フリガナ", "ふりがな", "氏名カナ", "姓名", "客户名称", "성명",
        "фио", "піб", "полноеимя", "adsoyad", "kokonimi", "namn", "navn",
    ),
    ("street_address", None, 0.75): (
        "anschrift", "hausnummer", "strassehausnummer", "wohnadresse", "lieferadresse",
        "adressepostale", "adresse1", "numerorue", "domicilio", "indirizzo", "endereco", "morada",
        "logradouro", "ulica", "adress", "gatuadress", "osoite", "adresa", "jusho", "住所", "地址",
        "주소", "адрес", "адреса", "улица", "вулиця",
    ),
    ("postcode", None, 0.75): (
        "codigopostal", "codicepostale", "postnummer", "postnr", "kodpocztowy", "postinumero",
        "psc", "cep", "yubinbango", "郵便番号", "邮编", "邮政编码", "우편번호", "индекс", "почтовыииндекс",
    ),
    ("city", None, 0.6): (
        "wohnort", "geburtsort", "localidad", "poblacion", "comune", "cidade", "municipio",
        "miasto", "miejscowosc", "stad", "postort", "kaupunki", "mesto", "sehir", "lieudenaissance",
        "город", "місто", "市区町村", "城市", "도시",
    ),
    ("date_of_birth", None, 0.85): (
        "geburtstag", "gebdatum", "geburtsdat", "datedenaissance", "datenais", "nele", "fechadenacimiento",
        "fnacimiento", "datanascita", "datadinascita", "datanascimento", "datadenascimento", "gebdatum",
        "datadurodzenia", "fodelsedatum", "fodselsdato", "syntymaaika", "dogumtarihi", "seinengappi",
        "tanjobi", "生年月日", "誕生日", "出生日期", "生日", "생년월일", "датарождения", "датанародження",
    ),
    ("national_id", None, 0.8): (
        "steueridentifikationsnummer", "steuernummer", "sozialversicherungsnummer", "svnr",
        "ausweisnummer", "personalausweis", "personalausweisnummer", "reisepassnummer",
        "numerosecuritesociale", "numeross", "nss", "numeropasaporte", "documentoidentidad",
        "cartaidentita", "curp", "rfc", "personalnummer", "personnr", "hetu", "henkilotunnus",
        "cpr", "tckimlikno", "tckn", "cnp", "egn", "amka", "ahv", "ahvnummer", "rodnecislo",
        "mynumber", "kojinbango", "マイナンバー", "身份证", "身份证号", "身份證", "주민등록번호",
        "teudatzehut", "misparzehut", "תעודתזהות", "תז", "инн", "снилс", "паспорт", "ідентифікаційнийкод", "ric", "ausweis",
    ),
    ("national_id", "eu_vat", 0.8): (
        "vatid", "vatnumber", "vatno", "vatregno", "ustid", "ustidnr", "umsatzsteuerid", "numerotva",
        "tvaintracom", "partitaiva", "btwnummer", "btwnr", "nip", "nipc", "momsnummer", "momsnr",
    ),
    ("credit_card", None, 0.85): (
        "kreditkarte", "kreditkartennummer", "kartennummer", "numerocarte", "cartebancaire",
        "cartecredit", "numerotarjeta", "tarjeta", "tarjetacredito", "numerocarta", "cartadicredito",
        "cartao", "numerocartao", "creditcardnummer", "kaartnummer", "numerkarty", "paymentcard",
        "bankcard", "カード番号", "卡号", "카드번호", "номеркарты",
    ),
    ("bank_account", None, 0.8): (
        "numerodecompte", "numerocuenta", "cuentabancaria", "contocorrente", "numeroconta",
        "bankverbindung", "kontonr", "rachunek", "numerrachunku", "kontonummer", "kontonr",
        "口座番号", "账号", "계좌번호", "расчетныисчет", "номерсчета",
    ),
    ("username", None, 0.75): (
        "benutzername", "benutzer", "nomutilisateur", "usuario", "nombreusuario",
        "nomeutente", "utente", "gebruikersnaam", "nazwauzytkownika", "anvandarnamn", "kullaniciadi",
        "ユーザー名", "用户名", "사용자명", "логин", "имяпользователя",
    ),
    ("password_hash", None, 0.8): (
        "passwort", "kennwort", "motdepasse", "mdp", "contrasena", "senha", "parola",
        "wachtwoord", "haslo", "losenord", "sifre", "パスワード", "密码", "비밀번호", "пароль",
    ),
    ("ip_address", None, 0.8): ("ipadresse", "adresseip", "direccionip", "indirizzoip", "enderecoip", "ipadres"),
    ("photo", None, 0.8): ("lichtbild", "passbild", "profilbild", "fotografia", "zdjecie", "写真", "照片", "사진", "фото"),
}  # fmt: skip
