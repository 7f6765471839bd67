"""The dictionary behind the column-name rules: names and abbreviations per PII type, and the
words that mark a column as something else (a thing's identifier, a flag about PII, a table of
things rather than people).
"""

from __future__ import annotations

from tdm_agents.pii_detection.lexicon import fold_accents
from tdm_agents.pii_detection.name_vocabulary_languages import LANGUAGE_NAME_RULES

# compact token run -> (pii_type, subtype, confidence)
NAME_RULES: dict[str, tuple[str, str | None, float]] = {}


def _add(pii_type: str, subtype: str | None, confidence: float, *names: str) -> None:
    for name in names:
        # Keys are folded as `names.tokenize` folds identifiers ('ß' -> 'ss', 'é' -> 'e', 'й' -> 'и').
        NAME_RULES[fold_accents(name.replace("ß", "ss")).lower()] = (pii_type, subtype, confidence)


_add("email", None, 0.85, "email", "emailaddress", "mail", "emailaddr", "eml", "courriel", "correo", "epost")
_add(
    "phone",
    None,
    0.8,
    "phone",
    "phonenumber",
    "phoneno",
    "phonenum",
    "tel",
    "telephone",
    "telno",
    "mobile",
    "mobilenumber",
    "mobileno",
    "cell",
    "cellphone",
    "msisdn",
    "fax",
    "telefon",
    "telefono",
    "telefoon",
    "handy",
    "mob",
    "contactnumber",
    "landline",
)
_add(
    "person_name",
    "first_name",
    0.8,
    "firstname",
    "fname",
    "givenname",
    "forename",
    "vorname",
    "prenom",
    "nombre",
    "voornaam",
    "fn",
    "firstnm",
    "middlename",
    "mname",
)
_add(
    "person_name",
    "last_name",
    0.8,
    "lastname",
    "lname",
    "surname",
    "familyname",
    "nachname",
    "apellido",
    "apellidos",
    "achternaam",
    "nom",
    "ln",
    "lastnm",
    "maidenname",
)
_add(
    "person_name",
    "full_name",
    0.8,
    "fullname",
    "personname",
    "customername",
    "contactname",
    "employeename",
    "username_full",
    "displayname",
    "patientname",
    "holdername",
    "cardholder",
    "cardholdername",
    "accountholder",
    "beneficiary",
    "recipientname",
    "guestname",
    "membername",
    "clientname",
    "ownername",
)
_add(
    "street_address",
    None,
    0.75,
    "address",
    "addr",
    "addr1",
    "addr2",
    "address1",
    "address2",
    "addressline",
    "addressline1",
    "addressline2",
    "street",
    "streetaddress",
    "streetname",
    "strasse",
    "straat",
    "rue",
    "calle",
    "housenumber",
    "billingaddress",
    "shippingaddress",
    "homeaddress",
    "mailingaddress",
    "adresse",
    "direccion",
    "adres",
)
_add(
    "postcode",
    None,
    0.75,
    "zip",
    "zipcode",
    "postcode",
    "postalcode",
    "plz",
    "postleitzahl",
    "cp",
    "codepostal",
    "codigopostal",
    "postcodenr",
    "zip5",
    "pincode",
    "eircode",
)
_add(
    "city",
    None,
    0.6,
    "birthplace",
    "placeofbirth",
    "city",
    "town",
    "ort",
    "stadt",
    "ville",
    "ciudad",
    "plaats",
    "woonplaats",
    "municipality",
    "locality",
    "citta",
)
_add(
    "date_of_birth",
    None,
    0.85,
    "dob",
    "birthdate",
    "dateofbirth",
    "birthday",
    "bday",
    "born",
    "birthdt",
    "geburtsdatum",
    "gebdat",
    "datenaissance",
    "fechanacimiento",
    "geboortedatum",
    "birth",
)
_add("national_id", "us_ssn", 0.85, "ssn", "socialsecuritynumber", "socialsecurity", "socsec", "ssnum")
_add(
    "national_id", "uk_nino", 0.85, "nino", "nin", "nationalinsurance", "nationalinsurancenumber", "ninumber"
)
_add("national_id", "nl_bsn", 0.85, "bsn", "burgerservicenummer")
_add("national_id", "ca_sin", 0.8, "sin", "socialinsurancenumber")
_add("national_id", "fr_nir", 0.85, "nir", "insee", "numerosecu", "secu")
_add("national_id", "es_dni", 0.85, "dni", "nif", "nie")
_add("national_id", "in_aadhaar", 0.85, "aadhaar", "aadhar", "uid")
_add(
    "national_id",
    None,
    0.8,
    "nationalid",
    "taxid",
    "tin",
    "taxnumber",
    "personalnumber",
    "personnummer",
    "idnumber",
    "idcard",
    "passport",
    "passportnumber",
    "passportno",
    "driverslicense",
    "driverlicense",
    "licensenumber",
    "steuerid",
    "codicefiscale",
    "pesel",
    "cpf",
    "itin",
)
_add(
    "credit_card",
    None,
    0.85,
    "creditcard",
    "cc",
    "ccnum",
    "ccnumber",
    "cardnumber",
    "cardno",
    "cardnum",
    "pan",
    "creditcardnumber",
    "debitcard",
    "primaryaccountnumber",
)
_add("iban", None, 0.85, "iban", "ibannumber")
_add(
    "bank_account",
    None,
    0.8,
    "bankaccount",
    "accountnumber",
    "accountno",
    "acctno",
    "acctnum",
    "acct",
    "bban",
    "kontonummer",
    "rekeningnummer",
    "sortcode",
    "routingnumber",
    "aba",
    "bic",
    "swift",
)
_add(
    "ip_address",
    None,
    0.8,
    "ip",
    "ipaddress",
    "ipaddr",
    "ipv4",
    "ipv6",
    "clientip",
    "remoteaddr",
    "remoteip",
    "lastloginip",
    "sourceip",
)
_add("mac_address", None, 0.8, "mac", "macaddress", "macaddr", "hwaddr", "hardwareaddress")
_add(
    "username",
    None,
    0.75,
    "username",
    "login",
    "loginname",
    "userlogin",
    "uname",
    "screenname",
    "handle",
    "nickname",
    "nick",
    "userid_login",
    "accountname",
    "samaccountname",
    "upn",
)
_add(
    "password_hash",
    None,
    0.8,
    "password",
    "passwordhash",
    "passwd",
    "pwd",
    "pwdhash",
    "pass",
    "passhash",
    "hashedpassword",
    "secret",
    "apikey",
    "token",
    "accesstoken",
    "refreshtoken",
    "salt",
    "pin",
    "secretkey",
    "privatekey",
    "otpsecret",
    "mfasecret",
    "encryptedpassword",
)
_add("geolocation", "latitude", 0.75, "lat", "latitude", "geolat", "breitengrad")
_add("geolocation", "longitude", 0.75, "lon", "lng", "long", "longitude", "geolon", "geolng", "laengengrad")
_add(
    "geolocation",
    "lat_lon_pair",
    0.75,
    "geo",
    "geolocation",
    "location",
    "coordinates",
    "coords",
    "latlng",
    "latlon",
    "geopoint",
    "gps",
    "position",
)
_add(
    "free_text_pii",
    None,
    0.5,
    "notes",
    "note",
    "comment",
    "comments",
    "remarks",
    "description_private",
    "freetext",
    "memo",
    "bio",
    "biography",
    "message",
    "body",
)
_add("photo", None, 0.8, "photo", "avatar", "portrait", "selfie", "headshot", "picture", "profilepicture",
     "profilephoto", "profileimage", "mugshot", "facephoto", "foto", "signature")  # fmt: skip

for (_type, _subtype, _confidence), _names in LANGUAGE_NAME_RULES.items():
    _add(_type, _subtype, _confidence, *(n for n in _names if n not in NAME_RULES))

# Words whose presence says the column is an identifier of a thing, not of a person: digits-only
# values in these columns are product codes, parcels or orders even when a checksum passes.
NON_PII_IDENTIFIERS = frozenset({
    "sku", "tracking", "trackingno", "trackingnumber", "ordernumber", "orderno", "ordernum", "orderid",
    "invoice", "invoiceno", "invoicenumber", "isbn", "ean", "upc", "gtin", "imei", "serial", "serialno",
    "serialnumber", "batch", "lot", "productcode", "itemcode", "partnumber", "partno", "barcode", "id",
    "uuid", "guid", "version", "checksum", "reference", "ref", "sequence", "seq", "code", "quantity",
    "amount", "price", "total", "count", "number_of", "shipment", "parcel", "confirmation",
})  # fmt: skip
# Modifiers that make a PII word describe something about the PII, not hold it.
NON_PII_MODIFIERS = frozenset({
    "is", "has", "verified", "confirmed", "count", "cnt", "flag", "enabled", "opt", "optin", "optout",
    "status", "type", "format", "template", "valid", "consent", "changed", "updated", "expires",
    "expiry", "attempts", "policy", "length", "domain", "country", "visible", "public", "sent",
})  # fmt: skip

PERSON_TABLE_WORDS = frozenset({
    "customer", "customers", "cust", "client", "clients", "user", "users", "person", "persons", "people",
    "employee", "employees", "emp", "staff", "member", "members", "contact", "contacts", "patient",
    "patients", "student", "students", "passenger", "passengers", "guest", "guests", "driver", "drivers",
    "author", "authors", "owner", "owners", "account", "accounts", "applicant", "applicants", "candidate",
    "candidates", "subscriber", "subscribers", "traveler", "travellers", "teacher", "teachers", "doctor",
    "doctors", "buyer", "buyers", "recipient", "recipients", "beneficiary", "holder", "cardholder",
    "profile", "profiles", "manager", "agent", "agents", "rep", "kunde", "kunden", "mitarbeiter", "klant",
})  # fmt: skip
PERSON_NAME_TOKENS = frozenset({"name", "fullname", "displayname", "nm"})
# Things whose `name` is not a person's, when they prefix the column (`company_name` in `customer`).
THING_WORDS = frozenset({
    "company", "companies", "product", "products", "genre", "genres", "category", "categories", "brand",
    "item", "items", "album", "track", "playlist", "file", "country", "city", "region", "state", "store",
    "shop", "department", "dept", "team", "project", "tag", "media", "organisation", "organization", "org",
    "vendor", "supplier", "business", "firm", "bank", "branch", "host", "server", "database", "schema",
    "table", "column", "course", "event", "venue", "street", "building", "plan", "tier", "role", "group",
    "artist", "band", "label", "publisher", "ship", "vessel", "warehouse", "location", "site", "app",
})  # fmt: skip
