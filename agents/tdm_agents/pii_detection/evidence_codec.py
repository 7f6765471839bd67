"""JSON codecs for what crosses checkpoints between PII detection stages: evidence, each column's
basis for a later re-merge (its identity, the kind of its values and its value shapes, never the
values), and findings as the metadata store keeps them.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pyarrow as pa

from tdm_agents.pii_detection.classify import describe
from tdm_agents.pii_detection.detectors import ValueProfile
from tdm_agents.pii_detection.merger import merge_column
from tdm_agents.pii_detection.models import ColumnSample, Evidence, PiiFinding


def _plain(value: Any) -> Any:
    # The detectors compute with NumPy; checkpoints and JSON want Python scalars.
    return value.item() if hasattr(value, "item") else value


def evidence_json(evidence: Evidence | None) -> dict[str, Any] | None:
    """An Evidence as a JSON-ready dict (None stays None)."""
    if evidence is None:
        return None
    return {key: _plain(value) for key, value in dataclasses.asdict(evidence).items()}


def evidence_from_json(data: dict[str, Any] | None) -> Evidence | None:
    """The inverse of `evidence_json`."""
    return Evidence(**data) if data is not None else None


def _value_kind(values: pa.Array) -> str:
    kind = values.type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return "text"
    return "boolean" if pa.types.is_boolean(kind) else "other"


_KIND_TYPES = {"text": pa.string(), "boolean": pa.bool_(), "other": pa.null()}


def column_basis(sample: ColumnSample, name: Evidence | None, profile: ValueProfile) -> dict[str, Any]:
    """What the merger needs to re-judge a column later, without its values.

    The merger reads a sample's identity and the *kind* of its values (text, boolean, other),
    never the values themselves; the LLM reads the value shapes.
    """
    descriptor = describe(sample)
    return {
        "schema_name": sample.schema_name,
        "table": sample.table,
        "column": sample.column,
        "data_type": sample.data_type,
        "value_kind": _value_kind(sample.values),
        "name": evidence_json(name),
        "profile": {
            "sample_size": _plain(profile.sample_size),
            "compatible": {t: _plain(share) for t, share in profile.compatible.items()},
            "coordinate": profile.coordinate,
            "evidence": [evidence_json(e) for e in profile.evidence],
        },
        "shapes": list(descriptor.shapes),
        "siblings": list(descriptor.sibling_columns),
    }


def merge_basis(basis: dict[str, Any], llm: Evidence | None) -> PiiFinding | None:
    """Merge a column's stored evidence with the LLM's opinion (the engine's merge rules)."""
    sample = ColumnSample(
        schema_name=basis["schema_name"],
        table=basis["table"],
        column=basis["column"],
        data_type=basis["data_type"],
        values=pa.array([], type=_KIND_TYPES[basis["value_kind"]]),
        table_columns=tuple(basis["siblings"]) + (basis["column"],),
    )
    stored = basis["profile"]
    profile = ValueProfile(
        sample_size=stored["sample_size"],
        compatible=dict(stored["compatible"]),
        coordinate=stored["coordinate"],
        evidence=[Evidence(**e) for e in stored["evidence"]],  # a profile's evidence is never None
    )
    return merge_column(sample, evidence_from_json(basis["name"]), profile, llm)


def column_key(item: dict[str, Any]) -> tuple[str, str, str]:
    """(schema, table, column) of a basis, an answer or a finding row."""
    return (item["schema_name"], item["table"], item["column"])


def stored_row(finding: PiiFinding, detected: PiiFinding | None) -> dict[str, Any]:
    """A finding as the metadata store keeps it; a reviewed one remembers what was detected."""
    explanation: dict[str, Any] = {"summary": finding.explanation, "subtype": finding.subtype}
    if finding.technique == "review" and detected is not None and detected.technique != "review":
        explanation["detected"] = {
            "pii_type": detected.pii_type,
            "subtype": detected.subtype,
            "confidence": detected.confidence,
            "technique": detected.technique,
            "summary": detected.explanation,
        }
    return {
        "schema_name": finding.schema_name,
        "table_name": finding.table,
        "column_name": finding.column,
        "pii_type": finding.pii_type,
        "technique": finding.technique,
        "confidence": finding.confidence,
        "explanation": explanation,
    }
