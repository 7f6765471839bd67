"""Privacy score of a masked dataset: how its columns are covered, and how re-identifiable its rows are.

- Coverage: the share of columns masked by a rule, reviewed as not personal, or unknown (from the
  column states `coverage` computes before masking).
- k-anonymity over the quasi-identifiers: columns that do not name a person but narrow one down in
  combination (date of birth, postcode, city, gender, age, nationality...). k is the size of the
  smallest group of rows sharing the same quasi-identifier values in the masked output; a k of 1
  means some row is unique on them. Groups are counted with Arrow's hash aggregation over the
  quasi-identifier columns only. Reports hold names and counts, never values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import pyarrow as pa
from pydantic import BaseModel, Field

from tdm_agents.pii_detection.names import name_evidence, tokenize

# PII types that are quasi-identifiers rather than identifiers.
QUASI_IDENTIFIER_TYPES = frozenset({"date_of_birth", "postcode", "city"})
# Column-name tokens (compacted runs, accents folded) that denote other quasi-identifiers.
QUASI_IDENTIFIER_NAMES = frozenset({
    "gender", "sex", "geschlecht", "sexe", "sexo", "genere", "geslacht", "plec", "kon",
    "age", "alter", "edad", "leeftijd", "wiek", "ageyears", "birthyear", "yearofbirth", "geburtsjahr",
    "maritalstatus", "familienstand", "etatcivil", "estadocivil", "nationality", "nationalitaet",
    "nationalite", "nacionalidad", "citizenship", "ethnicity", "race", "religion", "zip", "zipcode",
    "postcode", "postalcode", "plz", "city", "town", "ort", "ville", "ciudad", "county", "district",
    "birthplace", "placeofbirth", "geburtsort", "пол", "возраст", "性別", "性别", "年齢", "年龄", "성별", "나이",
})  # fmt: skip
K_THRESHOLD = 5  # groups smaller than this are reported as at risk (a common minimum k)

TableReader = Callable[..., Iterable[pa.RecordBatch]]


class TableAnonymity(BaseModel):
    """k-anonymity of one table over its quasi-identifiers."""

    quasi_identifiers: list[str]
    rows: int
    groups: int
    k: int = Field(description="Size of the smallest group of rows with equal quasi-identifiers")
    rows_below_threshold_share: float = Field(
        description=f"Share of rows in groups smaller than {K_THRESHOLD}"
    )


class MaskPrivacyScore(BaseModel):
    """Coverage shares and k-anonymity of a masked dataset."""

    columns: int | None = None
    masked_share: float | None = None
    reviewed_share: float | None = None
    unknown_share: float | None = None
    k_anonymity: dict[str, TableAnonymity] = Field(default_factory=dict)
    k_min: int | None = Field(default=None, description="Smallest k over the tables with quasi-identifiers")
    k_threshold: int = K_THRESHOLD


def is_quasi_identifier(table: str, column: str, pii_type: str | None = None) -> bool:
    """True for a column that narrows people down in combination (dates of birth, postcodes, gender...)."""
    if pii_type is not None:
        return pii_type in QUASI_IDENTIFIER_TYPES
    tokens = tokenize(column)
    runs = {"".join(tokens[i:j]) for i in range(len(tokens)) for j in range(i + 1, len(tokens) + 1)}
    if runs & QUASI_IDENTIFIER_NAMES:
        return True
    evidence = name_evidence(table, column)
    return evidence is not None and evidence.pii_type in QUASI_IDENTIFIER_TYPES


def k_anonymity(table: pa.Table, quasi_identifiers: list[str]) -> TableAnonymity | None:
    """k over `quasi_identifiers` (NULL is a value of its own); None for an empty table or no columns."""
    if table.num_rows == 0 or not quasi_identifiers:
        return None
    counts = table.select(quasi_identifiers).group_by(quasi_identifiers).aggregate([([], "count_all")])
    sizes = counts.column("count_all").to_numpy()
    at_risk = int(sizes[sizes < K_THRESHOLD].sum())
    return TableAnonymity(
        quasi_identifiers=quasi_identifiers,
        rows=table.num_rows,
        groups=len(sizes),
        k=int(sizes.min()),
        rows_below_threshold_share=round(at_risk / table.num_rows, 4),
    )


def coverage_shares(counts: Mapping[str, int] | None) -> dict[str, float | int | None]:
    """Shares of masked / reviewed / unknown columns from the coverage counts (None when not known)."""
    if not counts:
        return {"columns": None, "masked_share": None, "reviewed_share": None, "unknown_share": None}
    total = sum(int(counts.get(state, 0)) for state in ("masked", "reviewed", "unknown"))
    share = lambda state: round(int(counts.get(state, 0)) / total, 4) if total else None  # noqa: E731
    return {
        "columns": total,
        "masked_share": share("masked"),
        "reviewed_share": share("reviewed"),
        "unknown_share": share("unknown"),
    }


def masked_privacy_score(
    read_table: TableReader,
    table_columns: Mapping[str, list[str]],
    coverage_counts: Mapping[str, int] | None = None,
    pii_types: Mapping[tuple[str, str], str] | None = None,
) -> MaskPrivacyScore:
    """The score of a masked dataset: `read_table(table, columns)` reads its output batches,
    `table_columns` lists each table's columns, `pii_types` are known classifications per column."""
    score = MaskPrivacyScore.model_validate(coverage_shares(coverage_counts))
    known = pii_types or {}
    for table, columns in table_columns.items():
        quasi = [c for c in columns if is_quasi_identifier(table, c, known.get((table, c)))]
        if not quasi:
            continue
        batches = list(read_table(table, quasi))
        data = pa.Table.from_batches(batches) if batches else pa.table({c: pa.array([]) for c in quasi})
        figures = k_anonymity(data, quasi)
        if figures is not None:
            score.k_anonymity[table] = figures
    if score.k_anonymity:
        score.k_min = min(t.k for t in score.k_anonymity.values())
    return score
