"""Errors the subsetting engine raises, typed so that callers can map them (422, retry, fail)."""

from __future__ import annotations


class SubsetValidationError(ValueError):
    """The request does not fit the schema version. `problems` name each field and what is wrong.

    Messages never repeat the offending value: a filter value may be personal data.
    """

    def __init__(self, problems: list[dict[str, str]]):
        self.problems = problems
        summary = "; ".join(f"{p['field']}: {p['message']}" for p in problems)
        super().__init__(f"invalid subset request: {summary}")


class SourceConnectionLost(ConnectionError):
    """The source database went away mid-extraction. Nothing extracted so far is complete: retry."""


class SubsetExtractionError(RuntimeError):
    """The source database refused a statement of the extraction (not a lost connection)."""
