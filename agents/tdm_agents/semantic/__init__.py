"""Semantic types of columns (email, phone, uuid, url, ip, dates in text, json, currency, ...).

Shared by schema discovery (which stores the result as `ColumnInfo.inferred_type`) and by PII
classification. Inputs are a column name, its PostgreSQL type and optionally a small sample of
its values as text; nothing here connects to a database, logs, or keeps values.

    >>> infer_semantic_type("c7", "text", ["ann@example.org", "bo@example.net"])
    ('email', 1.0)
"""

from tdm_agents.semantic.inference import infer_semantic_type
from tdm_agents.semantic.name_hints import name_hint, name_tokens
from tdm_agents.semantic.types import PRIORITY, SemanticType
from tdm_agents.semantic.value_patterns import (
    PATTERNS,
    ValueEvidence,
    ValuePattern,
    clean_values,
    value_evidence,
)

__all__ = [
    "PATTERNS",
    "PRIORITY",
    "SemanticType",
    "ValueEvidence",
    "ValuePattern",
    "clean_values",
    "infer_semantic_type",
    "name_hint",
    "name_tokens",
    "value_evidence",
]
