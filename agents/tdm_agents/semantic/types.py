"""The semantic types a column can carry, beyond its PostgreSQL type."""

from __future__ import annotations

from enum import StrEnum


class SemanticType(StrEnum):
    """What the values mean; stored as `ColumnInfo.inferred_type` (its string value)."""

    EMAIL = "email"
    PHONE = "phone"
    UUID = "uuid"
    URL = "url"
    IPV4 = "ipv4"
    IPV6 = "ipv6"
    IP_ADDRESS = "ip_address"  # an inet/cidr column: the family is not known from the type alone
    MAC_ADDRESS = "mac_address"
    DATE = "date"
    TIMESTAMP = "timestamp"
    JSON = "json"
    CURRENCY = "currency"
    POSTCODE = "postcode"
    CREDIT_CARD = "credit_card"
    BOOLEAN = "boolean"


# When two types explain the same share of values, the more specific one wins
# ("2024-01-02" is a date before it is a phone number; a card number before a plain amount).
PRIORITY: tuple[SemanticType, ...] = (
    SemanticType.UUID,
    SemanticType.EMAIL,
    SemanticType.URL,
    SemanticType.MAC_ADDRESS,
    SemanticType.IPV4,
    SemanticType.IPV6,
    SemanticType.CREDIT_CARD,
    SemanticType.TIMESTAMP,
    SemanticType.DATE,
    SemanticType.JSON,
    SemanticType.BOOLEAN,
    SemanticType.CURRENCY,
    SemanticType.POSTCODE,
    SemanticType.PHONE,
)
