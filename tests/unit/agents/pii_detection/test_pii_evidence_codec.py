"""The PII detection JSON codecs: evidence survives a checkpoint, and re-merging stored evidence
(without the values) gives the engine's own answer, with and without the LLM's opinion."""

from __future__ import annotations

import json

import pyarrow as pa

from tdm_agents.pii_detection.classify import classify_columns
from tdm_agents.pii_detection.detectors import profile_columns
from tdm_agents.pii_detection.evidence_codec import (
    column_basis,
    evidence_from_json,
    evidence_json,
    merge_basis,
    stored_row,
)
from tdm_agents.pii_detection.merger import merge_column
from tdm_agents.pii_detection.models import ColumnSample, Evidence
from tdm_agents.pii_detection.names import name_evidence

SIBLINGS = ("id", "contact", "sku", "active", "nickname", "city_code")


def _sample(column: str, values: list, kind: pa.DataType = pa.string()) -> ColumnSample:
    return ColumnSample(
        "public", "customer", column, "text", pa.array(values, type=kind), table_columns=SIBLINGS
    )


SAMPLES = [
    _sample("contact", [f"person{i}@mail-{i}.example.com" for i in range(30)]),
    _sample("sku", [f"4{i:015d}" for i in range(30)]),
    _sample("active", [True, False] * 15, pa.bool_()),
    _sample("nickname", ["Ann", "Bob", "Cyd"] * 10),
    _sample("city_code", ["AB-12", "CD-34"] * 15),
]


def _bases():
    profiles = profile_columns(SAMPLES)
    names = [name_evidence(s.table, s.column) for s in SAMPLES]
    return [column_basis(s, n, p) for s, n, p in zip(SAMPLES, names, profiles, strict=True)], names, profiles


def test_evidence_round_trips_through_json():
    evidence = Evidence("email", "regex", 0.93, "regex rule for email: 30/30", None, 1.0, False)
    assert evidence_from_json(json.loads(json.dumps(evidence_json(evidence)))) == evidence
    assert evidence_json(None) is None and evidence_from_json(None) is None


def test_bases_are_json_ready_and_hold_no_values():
    bases, _, _ = _bases()
    text = json.dumps(bases)
    assert "person3@mail-3.example.com" not in text and "Bob" not in text
    assert bases[0]["shapes"] and bases[0]["value_kind"] == "text" and bases[2]["value_kind"] == "boolean"


def test_re_merging_a_basis_matches_the_engine():
    bases, names, profiles = _bases()
    restored = [merge_basis(json.loads(json.dumps(b)), None) for b in bases]
    direct = [merge_column(s, n, p) for s, n, p in zip(SAMPLES, names, profiles, strict=True)]
    assert restored == direct
    assert [f.column for f in classify_columns(SAMPLES)] == [f.column for f in restored if f is not None]


def test_re_merging_with_llm_evidence_matches_the_engine():
    bases, names, profiles = _bases()
    llm = Evidence("person_name", "llm", 0.81, "llm: person_name (0.90)", "first_name")
    veto = Evidence(None, "llm", 0.9, "llm: none (0.90)")
    for opinion in (llm, veto):
        for i, basis in enumerate(bases):
            expected = merge_column(SAMPLES[i], names[i], profiles[i], opinion)
            assert merge_basis(basis, opinion) == expected, (SAMPLES[i].column, opinion.pii_type)


def test_a_reviewed_row_remembers_what_was_detected():
    bases, _, _ = _bases()
    detected = merge_basis(bases[0], None)
    assert detected is not None
    reviewed = detected.model_copy(
        update={"technique": "review", "confidence": 1.0, "explanation": "confirmed"}
    )
    row = stored_row(reviewed, detected)
    assert row["explanation"]["detected"]["technique"] == detected.technique
    assert "detected" not in stored_row(detected, detected)["explanation"]
