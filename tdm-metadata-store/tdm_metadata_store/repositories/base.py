"""What every repository shares: the caller's session, paging and the not-found error."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


class RecordNotFoundError(LookupError):
    """The record a write refers to does not exist (callers map it to 404)."""

    def __init__(self, resource: str, record_id: object) -> None:
        super().__init__(f"{resource} {record_id} not found")
        self.resource = resource
        self.record_id = record_id


class DuplicateRecordError(ValueError):
    """A record with the same unique name already exists (callers map it to 409)."""

    def __init__(self, resource: str, name: str) -> None:
        super().__init__(f"{resource} named {name!r} already exists")
        self.resource = resource
        self.name = name


class Repository:
    """Holds the caller's session; repositories flush but never commit."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _existing(self, model: type[T], record_id: object, resource: str) -> T:
        """The `model` row with this id; raises RecordNotFoundError (naming `resource`) when there is none."""
        row = self.session.get(model, record_id)
        if row is None:
            raise RecordNotFoundError(resource, record_id)
        return row

    def _delete(self, model: type[Any], record_id: object) -> bool:
        """Delete the `model` row with this id; True when it existed."""
        row = self.session.get(model, record_id)
        if row is None:
            return False
        self.session.delete(row)
        self.session.flush()
        return True


def clamp_limit(limit: int) -> int:
    """Keep a page size between 1 and MAX_PAGE_SIZE."""
    return max(1, min(limit, MAX_PAGE_SIZE))


def paginate(session: Session, query: Select[Any], limit: int, offset: int) -> tuple[list[Any], int]:
    """Run one page of a query and count all its rows: (rows, total)."""
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    rows = list(session.scalars(query.limit(clamp_limit(limit)).offset(max(0, offset))))
    return rows, total
