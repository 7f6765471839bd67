"""Request-scoped dependencies: the unit of work, the authenticated caller, role checks."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Annotated

import redis
from fastapi import Depends, Header, Request
from sqlalchemy.orm import Session

from tdm_api.errors import ApiError, Invalid
from tdm_api.runtime import ApiRuntime
from tdm_metadata_store.crypto import SecretBox
from tdm_metadata_store.repositories.api_keys import ApiKeyRepository
from tdm_metadata_store.repositories.audit import AuditRepository

log = logging.getLogger("tdm.api")

ROLE_RANK = {"viewer": 0, "operator": 1, "admin": 2}


def get_runtime(request: Request) -> ApiRuntime:
    return request.app.state.runtime


RuntimeDep = Annotated[ApiRuntime, Depends(get_runtime)]


@dataclass
class UnitOfWork:
    """One transaction per request, owned by `get_uow`: it commits when the handler returns and
    rolls back when it raises, so handlers and services never commit. Work queued with
    `after_commit` (enqueueing jobs, cancel flags, events) runs only once the commit succeeded, and
    is dropped on rollback.

    That work only signals Redis about what PostgreSQL now records, and workers re-derive it from
    PostgreSQL (queued jobs missing from the queue are enqueued, cancel requests re-flagged), so a
    Redis outage after the commit is logged, not raised: the client gets its 2xx for what was done
    rather than a 500 that invites a retry which would do it twice.
    """

    session: Session
    _after: list[Callable[[], object]] = field(default_factory=list)

    def after_commit(self, fn: Callable[[], object]) -> None:
        self._after.append(fn)

    def complete(self) -> None:
        """Commit, then run the after-commit work. Only `get_uow` calls this."""
        self.session.commit()
        callbacks, self._after = self._after, []
        for fn in callbacks:
            try:
                fn()
            except redis.RedisError as exc:
                log.warning("Redis unavailable after commit (%s); workers will catch up", type(exc).__name__)


def get_uow(runtime: RuntimeDep) -> Iterator[UnitOfWork]:
    """The request's unit of work. Function-scoped (below), so the commit happens after the handler
    returns but before the response is sent: a failed commit is the client's error response, and
    nothing is enqueued for it."""
    session = runtime.session_factory()
    uow = UnitOfWork(session)
    try:
        yield uow
        uow.complete()
    finally:
        session.rollback()
        session.close()


UowDep = Annotated[UnitOfWork, Depends(get_uow, scope="function")]


@dataclass(frozen=True)
class Principal:
    key_id: uuid.UUID
    name: str
    role: str

    def can(self, role: str) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[role]


def get_principal(
    runtime: RuntimeDep,
    x_api_key: Annotated[str | None, Header(alias="X-API-Key", description="API key")] = None,
) -> Principal:
    if not x_api_key:
        raise ApiError("Send an API key in the X-API-Key header.", status=401, kind="unauthorized")
    # Every request asks this: in autocommit, the lookup is one round trip and the once-a-minute
    # last_used_at write commits by itself.
    with runtime.autocommit_sessions() as session:
        row = ApiKeyRepository(session).authenticate(x_api_key)
        if row is None:
            raise ApiError("The API key is unknown or revoked.", status=401, kind="unauthorized")
        return Principal(key_id=row.id, name=row.name, role=row.role)


def require(role: str) -> Callable[..., Principal]:
    """A dependency that admits callers whose role is at least `role`."""

    def _check(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
        if not principal.can(role):
            raise ApiError(
                f"This action needs the {role} role; your key has the {principal.role} role.",
                status=403,
                kind="forbidden",
            )
        return principal

    return _check


Viewer = Annotated[Principal, Depends(require("viewer"))]
Operator = Annotated[Principal, Depends(require("operator"))]
Admin = Annotated[Principal, Depends(require("admin"))]


def secret_box(runtime: ApiRuntime) -> SecretBox:
    if runtime.secret_box is None:
        raise ApiError(
            "The server has no encryption key (TDM_ENCRYPTION_KEYS), so it cannot store secrets.",
            status=503,
            kind="unavailable",
        )
    return runtime.secret_box


def audit(
    uow: UnitOfWork,
    principal: Principal,
    action: str,
    resource_type: str,
    resource_id: uuid.UUID | str | None = None,
    details: dict | None = None,
) -> None:
    """Record who changed what, in the same transaction as the change."""
    AuditRepository(uow.session).record(
        actor=principal.name,
        api_key_id=principal.key_id,
        action=action,
        resource_type=resource_type,
        resource_id=resource_id,
        details=details,
    )


def parse_uuid(value: str, what: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise Invalid(f"{what} must be a UUID.", field=what) from exc
