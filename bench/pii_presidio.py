"""Presidio's pattern recognizers applied column by column, as a reference for the PII benchmark.

Only pattern-based recognizers are used (no spaCy model is downloaded): each value is analyzed
by every recognizer, and a column gets the entity found in at least half of its values.
"""

from __future__ import annotations

from collections import Counter

import pyarrow as pa

from tdm_agents.pii_detection.models import ColumnSample

# Presidio entity -> our PII type. DATE_TIME is Presidio's only date entity, so it stands for
# date of birth here; entities outside our taxonomy (URL, UUID) are ignored.
ENTITY_TO_TYPE = {
    "EMAIL_ADDRESS": "email",
    "PHONE_NUMBER": "phone",
    "CREDIT_CARD": "credit_card",
    "IBAN_CODE": "iban",
    "US_SSN": "national_id",
    "UK_NINO": "national_id",
    "ES_NIF": "national_id",
    "ES_NIE": "national_id",
    "CA_SIN": "national_id",
    "IN_AADHAAR": "national_id",
    "IP_ADDRESS": "ip_address",
    "MAC_ADDRESS": "mac_address",
    "UK_POSTCODE": "postcode",
    "CA_POSTAL_CODE": "postcode",
    "DE_PLZ": "postcode",
    "US_BANK_NUMBER": "bank_account",
    "DATE_TIME": "date_of_birth",
}


def _offline_public_suffixes() -> None:
    # Presidio's email check uses tldextract, which would fetch the public suffix list; the
    # snapshot bundled with tldextract is enough and keeps the benchmark offline.
    import tldextract
    import tldextract.tldextract as tld

    tld.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())


def build_recognizers() -> list:
    """Pattern recognizers for the entities above (each is a regex or a phonenumbers matcher)."""
    _offline_public_suffixes()
    from presidio_analyzer import predefined_recognizers as p

    names = (
        "EmailRecognizer", "CreditCardRecognizer", "IbanRecognizer", "UsSsnRecognizer", "UkNinoRecognizer",
        "EsNifRecognizer", "EsNieRecognizer", "CaSinRecognizer", "InAadhaarRecognizer", "IpRecognizer",
        "MacAddressRecognizer", "UkPostcodeRecognizer", "CaPostalCodeRecognizer", "DePlzRecognizer",
        "UsBankRecognizer", "DateRecognizer",
    )  # fmt: skip
    recognizers = [getattr(p, name)() for name in names if hasattr(p, name)]
    regions = ("US", "GB", "DE", "FR", "ES", "NL", "IT", "CA", "IN")
    recognizers.append(p.PhoneRecognizer(supported_regions=regions))
    return recognizers


def classify_column(recognizers: list, sample: ColumnSample, min_share: float = 0.5) -> str | None:
    """The PII type Presidio's recognizers find in at least `min_share` of the column's values.

    When several types qualify (a card number is also a possible US bank number), the one with
    the highest total score wins, so Presidio's own confidence decides, as it would in its
    AnalyzerEngine's ranking.
    """
    if pa.types.is_binary(sample.values.type):
        return None
    values = [str(v) for v in sample.values.drop_null().to_pylist()]
    if not values:
        return None
    hits: Counter[str] = Counter()
    weight: Counter[str] = Counter()
    for value in values:
        best: dict[str, float] = {}
        for recognizer in recognizers:
            for result in recognizer.analyze(
                value, entities=recognizer.supported_entities, nlp_artifacts=None
            ):
                pii_type = ENTITY_TO_TYPE.get(result.entity_type)
                if pii_type:
                    best[pii_type] = max(best.get(pii_type, 0.0), result.score)
        hits.update(best.keys())
        weight.update(best)
    qualified = [t for t, n in hits.items() if n >= min_share * len(values)]
    return max(qualified, key=lambda t: weight[t]) if qualified else None
