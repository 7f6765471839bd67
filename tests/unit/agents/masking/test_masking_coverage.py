"""Column states at mask time (masked / reviewed / unknown, judged on the dataset's own values), the
default rules `mask_default` adds, and the columns a schema diff makes the drift gate look at."""

from __future__ import annotations

import pyarrow as pa

from tdm_agents.masking.coverage import PrivacyDecisions, column_coverage, default_rules
from tdm_agents.masking.drift_gate import drifted_columns
from tdm_agents.masking.rules import validate_rules
from tdm_agents.schema_discovery.diff import diff_snapshots
from tdm_metadata_store.snapshot import ColumnInfo, SchemaSnapshot, TableInfo

ROWS = 200


def _schema(*extra: ColumnInfo) -> SchemaSnapshot:
    columns = [
        ColumnInfo(name="id", data_type="bigint", type_category="integer", nullable=False),
        ColumnInfo(name="email", data_type="text", type_category="string"),
        ColumnInfo(name="card", data_type="text", type_category="string"),
        ColumnInfo(name="status", data_type="text", type_category="string"),
        ColumnInfo(name="contact", data_type="text", type_category="string"),
        *extra,
    ]
    return SchemaSnapshot(
        tables=[TableInfo(schema_name="public", name="clients", columns=columns, primary_key=["id"])]
    )


def _luhn(body: str) -> str:
    total = sum(d - 9 if d > 9 else d for d in ((int(c) * (2 - i % 2)) for i, c in enumerate(reversed(body))))
    return body + str((10 - total % 10) % 10)


def _data() -> pa.Table:
    cards = [_luhn(f"491634517{i:06d}") for i in range(ROWS)]
    return pa.table({
        "id": pa.array(range(ROWS), pa.int64()),
        "email": [f"client{i}@mail.example" for i in range(ROWS)],
        "card": [f"{c[:4]} {c[4:8]} {c[8:12]} {c[12:]}" for c in cards],  # grouped in fours
        "status": ["active" if i % 3 else "closed" for i in range(ROWS)],
        "contact": [f"reach me at person{i}@mail.example" for i in range(ROWS)],
    })  # fmt: skip


def _read(table: str, columns: list[str] | None = None):
    data = _data()
    return (data.select(columns) if columns else data).to_batches(max_chunksize=64)


def _coverage(rules: dict, decisions: PrivacyDecisions = PrivacyDecisions()):
    snapshot = _schema()
    resolved = validate_rules(rules, snapshot)
    return column_coverage(_read, {"clients": _data().column_names}, snapshot, resolved, decisions), snapshot


def test_unruled_columns_that_look_personal_are_found_on_the_datasets_own_values() -> None:
    report, _ = _coverage({"clients.email": "mask.email_deterministic"})
    states = {c.column: c for c in report.columns}
    assert states["email"].state == "masked" and states["id"].state == "unknown"
    assert not states["id"].looks_personal and not states["status"].looks_personal
    assert {c.column for c in report.personal_unknown} >= {"contact"}
    assert all("at mask time" in " ".join(c.reasons) for c in report.personal_unknown)
    assert "person" not in report.summary() and "@" not in report.summary(), "names and reasons, never values"
    assert report.counts()["masked"] == 1 and report.counts()["unknown_personal"] == len(
        report.personal_unknown
    )


def test_a_review_as_not_personal_and_a_stored_classification_both_count() -> None:
    decisions = PrivacyDecisions(
        not_personal=frozenset({("clients", "contact")}), personal={("clients", "status"): "city"}
    )
    report, _ = _coverage({"clients.email": "mask.email_deterministic"}, decisions)
    states = {c.column: c for c in report.columns}
    assert states["contact"].state == "reviewed" and not states["contact"].looks_personal
    assert states["status"].looks_personal and "classified or reviewed as city" in states["status"].reasons


def test_mask_default_suggests_a_rule_for_each_unknown_personal_column() -> None:
    report, snapshot = _coverage({"clients.email": "mask.email_deterministic"})
    defaults = default_rules(report, snapshot)
    assert set(defaults) == {f"clients.{c.column}" for c in report.personal_unknown}
    validate_rules(defaults, snapshot)  # the suggested rules fit the columns


def test_drifted_columns_are_new_tables_new_columns_and_changed_definitions() -> None:
    old = _schema()
    new = _schema(ColumnInfo(name="passport", data_type="text", type_category="string"))
    new.table("clients").column("status").data_type = "character varying(20)"
    new.tables.append(
        TableInfo(schema_name="public", name="notes", columns=[ColumnInfo(name="body", data_type="text")])
    )
    drift = drifted_columns(diff_snapshots(old, new), new)
    assert drift[("clients", "passport")] == ("added", "new column")
    assert drift[("notes", "body")] == ("added", "new table")
    assert drift[("clients", "status")][0] == "changed" and "data_type" in drift[("clients", "status")][1]
    assert ("clients", "email") not in drift
