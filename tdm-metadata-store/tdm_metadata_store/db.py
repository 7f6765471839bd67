"""Engines, sessions and the unit of work: the one place where the store's transactions end."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

from tdm_metadata_store.settings import normalize_database_url


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine on the psycopg 3 driver; connections are checked before use."""
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(normalize_database_url(url), **kwargs)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """A session factory whose objects stay readable after commit (responses are built afterwards)."""
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=True)


@contextmanager
def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """Open a session, commit when the block succeeds, roll back when it raises, always close."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
