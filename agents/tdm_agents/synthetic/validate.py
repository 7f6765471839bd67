"""Constraint checks on generated tables, computed with pyarrow.compute as batches stream past.

Checks: foreign keys resolve (0 violations expected), unique and primary-key columns hold no
duplicates, not-null columns hold no nulls, numbers lie inside declared ranges and strings inside
declared enums. Only key and unique columns are kept until the end (to count duplicates and
resolve references); every other check is settled per batch.
"""

from __future__ import annotations

from collections import defaultdict

import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel, Field

from tdm_agents.synthetic.schema_model import Attribute, Entity, NormalizedSchema


class Violation(BaseModel):
    """One broken constraint and how many rows break it (never the values)."""

    table: str
    columns: list[str]
    check: str = Field(description="foreign_key, unique, not_null, range or enum")
    rows: int
    detail: str = ""


class ValidationReport(BaseModel):
    """Outcome of the constraint checks over every generated table."""

    tables_checked: int = 0
    rows_checked: int = 0
    foreign_key_violations: int = 0
    violations: list[Violation] = Field(default_factory=list)

    @property
    def passed(self) -> bool:
        """True when no constraint is broken."""
        return not self.violations


class ConstraintChecker:
    """Observes batches per table (`observe`) and reports broken constraints (`report`)."""

    def __init__(self, schema: NormalizedSchema) -> None:
        self._schema = schema
        self._rows: dict[str, int] = defaultdict(int)
        self._counts: dict[tuple[str, tuple[str, ...], str, str], int] = defaultdict(int)
        self._kept: dict[tuple[str, tuple[str, ...]], list[pa.RecordBatch]] = defaultdict(list)
        self._kept_columns = self._columns_to_keep()

    def _columns_to_keep(self) -> dict[str, list[tuple[str, ...]]]:
        keep: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for entity in self._schema.entities:
            if entity.primary_key:
                keep[entity.name].append(tuple(entity.primary_key))
            keep[entity.name] += [(a.name,) for a in entity.attributes if a.unique]
        for rel in self._schema.relationships:
            keep[rel.child_entity].append(tuple(rel.child_attributes))
            keep[rel.parent_entity].append(tuple(rel.parent_attributes))
        return {table: list(dict.fromkeys(cols)) for table, cols in keep.items()}

    def observe(self, table: str, batch: pa.RecordBatch) -> None:
        """Check one batch of `table` and keep its key columns."""
        entity = self._schema.entity(table)
        if entity is None:
            return
        self._rows[table] += batch.num_rows
        for attribute in entity.attributes:
            if attribute.name in batch.schema.names:
                self._check_column(entity, attribute, batch.column(attribute.name))
        for cols in self._kept_columns.get(table, []):
            self._kept[(table, cols)].append(batch.select(list(cols)))

    def _check_column(self, entity: Entity, attribute: Attribute, column: pa.Array) -> None:
        key = (entity.name, (attribute.name,))
        not_null = not attribute.nullable or attribute.name in entity.primary_key
        if not_null and column.null_count:
            self._counts[(*key, "not_null", "")] += column.null_count
        if attribute.enum_values and pa.types.is_string(column.type):
            outside = pc.sum(pc.invert(pc.is_in(column.drop_null(), pa.array(attribute.enum_values))))
            self._counts[(*key, "enum", "")] += int(outside.as_py() or 0)
        if attribute.type in ("integer", "decimal", "float") and len(column) - column.null_count:
            self._check_range(key, attribute, column)

    def _check_range(self, key: tuple[str, tuple[str, ...]], attribute: Attribute, column: pa.Array) -> None:
        values = pc.cast(column, pa.float64())
        for bound, compare in ((attribute.min, pc.less), (attribute.max, pc.greater)):
            if isinstance(bound, int | float):
                outside = pc.sum(compare(values, pa.scalar(float(bound)))).as_py() or 0
                self._counts[(*key, "range", f"bound {bound}")] += int(outside)

    def report(self) -> ValidationReport:
        """Settle uniqueness and foreign keys over the kept columns; list every violation."""
        counts = dict(self._counts)
        for entity in self._schema.entities:
            for cols in self._unique_sets(entity):
                counts[(entity.name, cols, "unique", "")] = self._duplicates(entity.name, cols)
        fk_total = 0
        for rel in self._schema.relationships:
            missing = self._dangling(
                rel.child_entity, tuple(rel.child_attributes), rel.parent_entity, tuple(rel.parent_attributes)
            )
            fk_total += missing
            counts[(rel.child_entity, tuple(rel.child_attributes), "foreign_key", rel.parent_entity)] = (
                missing
            )
        violations = [
            Violation(table=t, columns=list(c), check=check, rows=n, detail=detail)
            for (t, c, check, detail), n in counts.items()
            if n
        ]
        return ValidationReport(
            tables_checked=len(self._rows),
            rows_checked=sum(self._rows.values()),
            foreign_key_violations=fk_total,
            violations=violations,
        )

    def _unique_sets(self, entity: Entity) -> list[tuple[str, ...]]:
        sets = [tuple(entity.primary_key)] if entity.primary_key else []
        return sets + [(a.name,) for a in entity.attributes if a.unique and [a.name] != entity.primary_key]

    def _table(self, table: str, cols: tuple[str, ...]) -> pa.Table | None:
        batches = self._kept.get((table, cols))
        return pa.Table.from_batches(batches) if batches else None

    def _duplicates(self, table: str, cols: tuple[str, ...]) -> int:
        data = self._table(table, cols)
        if data is None:
            return 0
        complete = data.drop_null()  # NULLs never collide under a UNIQUE constraint
        distinct = complete.group_by(list(cols)).aggregate([]).num_rows
        return complete.num_rows - distinct

    def _dangling(
        self, child: str, child_cols: tuple[str, ...], parent: str, parent_cols: tuple[str, ...]
    ) -> int:
        children, parents = self._table(child, child_cols), self._table(parent, parent_cols)
        if children is None:
            return 0
        children = children.drop_null()  # a NULL reference references nothing, as in SQL
        if parents is None:
            return children.num_rows
        renamed = parents.rename_columns(list(child_cols)).group_by(list(child_cols)).aggregate([])
        matched = children.join(renamed, keys=list(child_cols), join_type="left semi")
        return children.num_rows - matched.num_rows


def validate_tables(schema: NormalizedSchema, tables: dict[str, pa.Table]) -> ValidationReport:
    """Check tables already in memory (previews, tests)."""
    checker = ConstraintChecker(schema)
    for name, table in tables.items():
        for batch in table.to_batches():
            checker.observe(name, batch)
    return checker.report()
