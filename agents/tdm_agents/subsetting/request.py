"""What a caller asks the subsetting engine for, as a Pydantic model (the body of `POST /subset`).

The model checks shape only. Everything that needs the schema version (do the tables and columns
exist, does a value fit its column, is there a path from the targets) is checked by
`validation.validate_request`, which reports every problem at once.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, SecretStr, field_validator, model_validator

FilterOp = Literal[
    "=", "!=", "<", "<=", ">", ">=", "in", "not_in", "between", "like", "ilike", "is_null", "not_null"
]
TableMode = Literal["subset", "full", "skip"]


class FilterCondition(BaseModel):
    """One structured condition: `column op value`. Values are bound, never spliced into SQL."""

    column: str = Field(description="Column of the filtered table")
    op: FilterOp = Field("=", description="Comparison operator")
    value: Any = Field(
        None,
        description="Scalar for comparisons and like/ilike, a list for in/not_in, [low, high] for between, "
        "nothing for is_null/not_null",
    )


class DateRange(BaseModel):
    """Rows of `table` whose `column` lies in [start, end] (both ends inclusive, either optional)."""

    table: str = Field(description="Table the range applies to")
    column: str = Field(description="Date or timestamp column")
    start: Any = Field(None, description="Inclusive lower bound (ISO date or timestamp)")
    end: Any = Field(None, description="Inclusive upper bound (ISO date or timestamp)")


class RelationshipOverride(BaseModel):
    """Switch child expansion on or off for the relationships it matches.

    A relationship matches when every given field matches: its constraint `name`, its `child_table`,
    its `parent_table` and its `child_columns` (in order).
    """

    name: str | None = Field(None, description="Constraint name of the foreign key")
    child_table: str | None = Field(None, description="Referencing table")
    parent_table: str | None = Field(None, description="Referenced table")
    child_columns: list[str] | None = Field(None, description="Referencing columns, in order")
    follow_children: bool = Field(description="Whether rows of the child table are pulled in downstream")

    @model_validator(mode="after")
    def _names_something(self) -> RelationshipOverride:
        if not (self.name or self.child_table or self.parent_table):
            raise ValueError("a relationship override needs a name, a child_table or a parent_table")
        return self


class SubsetRequest(BaseModel):
    """A request for a referentially intact subset of one source database."""

    schema_version_id: str = Field(description="Schema version whose snapshot describes the source")
    connection_id: str | None = Field(None, description="Stored connection to read from")
    connection_string: SecretStr | None = Field(None, description="Source URL, when no stored connection")
    root_table: str | list[str] = Field(description="Target table, or several, the subset starts from")
    filters: dict[str, list[FilterCondition]] = Field(
        default_factory=dict,
        description="Conditions per table; the short form {'table': {'column': value}} means equality",
    )
    max_rows_per_table: int | dict[str, int] | None = Field(
        None, description="Cap on target and child rows, for every table (int) or per table; never on parents"
    )
    date_range: DateRange | None = Field(None, description="A date window on one table")
    sampling_pct: float | None = Field(None, description="Percentage (0-100) of target rows kept")
    seed: int = Field(0, description="Seed of the sampling hash: the same seed gives the same subset")
    mode: dict[str, TableMode] = Field(
        default_factory=dict, description="Per table: subset (default), full (copy whole) or skip"
    )
    relationship_overrides: list[RelationshipOverride] = Field(
        default_factory=list, description="Per relationship: follow children or not"
    )
    max_depth: int | None = Field(None, ge=0, description="Most foreign-key hops followed downstream")
    include_children_of_parents: int = Field(
        0,
        ge=0,
        description="Completeness: rows pulled in as parents bring their own children, this many "
        "foreign-key hops down (and those children's parents); 0 keeps only the parents",
    )
    cut_nullable_fks: bool = Field(
        False,
        description="Do not pull in parents through nullable foreign keys; such values become NULL "
        "in the output when their parent is not in the subset",
    )

    @field_validator("filters", mode="before")
    @classmethod
    def _expand_short_form(cls, value: Any) -> Any:
        """`{"customers": {"region": "US"}}` becomes `[{"column": "region", "op": "=", "value": "US"}]`."""
        if not isinstance(value, dict):
            return value
        expanded: dict[str, Any] = {}
        for table, conditions in value.items():
            if isinstance(conditions, dict):
                conditions = [{"column": c, "op": "=", "value": v} for c, v in conditions.items()]
            expanded[table] = conditions
        return expanded

    @model_validator(mode="after")
    def _one_connection(self) -> SubsetRequest:
        if (self.connection_id is None) == (self.connection_string is None):
            raise ValueError("give exactly one of connection_id and connection_string")
        return self

    @property
    def targets(self) -> list[str]:
        """The target tables as a list, whatever form `root_table` was given in."""
        return [self.root_table] if isinstance(self.root_table, str) else list(self.root_table)
