"""Privacy score of masked data on small known tables: coverage shares and k-anonymity."""

from __future__ import annotations

import pyarrow as pa
import pytest

from tdm_agents.masking.privacy_score import (
    coverage_shares,
    is_quasi_identifier,
    k_anonymity,
    masked_privacy_score,
)


def test_k_is_the_smallest_group_over_the_quasi_identifiers() -> None:
    table = pa.table({
        "zip": ["10115", "10115", "10115", "20095", "20095", "80331"],
        "gender": ["f", "f", "f", "m", "m", "f"],
        "email": ["a", "b", "c", "d", "e", "f"],
    })  # fmt: skip
    figures = k_anonymity(table, ["zip", "gender"])
    assert figures is not None
    assert (figures.k, figures.groups, figures.rows) == (1, 3, 6)
    assert figures.rows_below_threshold_share == 1.0  # every group is smaller than 5


def test_generalised_quasi_identifiers_raise_k() -> None:
    table = pa.table({"zip": ["10***"] * 5 + ["20***"] * 5, "gender": ["f"] * 10})
    figures = k_anonymity(table, ["zip", "gender"])
    assert figures is not None and figures.k == 5 and figures.rows_below_threshold_share == 0.0


def test_nulls_form_a_group_of_their_own() -> None:
    figures = k_anonymity(pa.table({"age": [30, None, None, 30]}), ["age"])
    assert figures is not None and figures.k == 2 and figures.groups == 2


@pytest.mark.parametrize(
    ("column", "expected"),
    [("date_of_birth", True), ("Geburtsdatum", True), ("zip_code", True), ("PLZ", True), ("gender", True),
     ("Geschlecht", True), ("age", True), ("nationality", True), ("city", True), ("email", False),
     ("first_name", False), ("order_total", False), ("status", False)],
)  # fmt: skip
def test_quasi_identifiers_by_name(column: str, expected: bool) -> None:
    assert is_quasi_identifier("customers", column) is expected


def test_a_known_classification_decides_over_the_name() -> None:
    assert is_quasi_identifier("t", "c_17", "date_of_birth")
    assert not is_quasi_identifier("t", "zip", "person_name")


def test_coverage_shares() -> None:
    shares = coverage_shares({"masked": 6, "reviewed": 3, "unknown": 1, "unknown_personal": 0})
    assert shares == {"columns": 10, "masked_share": 0.6, "reviewed_share": 0.3, "unknown_share": 0.1}
    assert coverage_shares(None)["masked_share"] is None


def test_masked_privacy_score_reads_only_quasi_identifier_columns() -> None:
    tables = {
        "customers": pa.table(
            {"id": [1, 2, 3, 4], "email": ["w", "x", "y", "z"], "zip": ["1", "1", "2", "2"]}
        ),
        "orders": pa.table({"id": [1, 2], "total": [3.0, 4.0]}),
    }
    asked: list[tuple[str, tuple[str, ...]]] = []

    def read(table: str, columns: list[str] | None = None):
        asked.append((table, tuple(columns or ())))
        return tables[table].select(columns or tables[table].column_names).to_batches()

    columns = {name: t.column_names for name, t in tables.items()}
    score = masked_privacy_score(read, columns, {"masked": 2, "reviewed": 3, "unknown": 0})
    assert asked == [("customers", ("zip",))]
    assert score.k_min == 2 and score.k_anonymity["customers"].quasi_identifiers == ["zip"]
    assert score.masked_share == 0.4 and score.unknown_share == 0.0
