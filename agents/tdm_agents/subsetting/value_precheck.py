"""The value-shape check of whole tables, on a second session while the key sets are built.

`portable.text_exported` finds the columns whose values Arrow cannot carry (NaN in a decimal,
±infinity in a date, arrays a list cannot hold) among a table's subset rows: one more pass over the
export's join per table, as costly as the export's own reading. The same check over a whole table
needs no key set, so it runs on a session importing the key-set session's snapshot, in parallel
with the key sets; a column clean in the whole table is clean in any subset of it, so only the
tables it flags are checked again among their subset rows. When the key sets are ready, the check
of the table under way is cancelled (inside a savepoint, so the session goes on to export) and the
tables not reached are checked the exact way.
"""

from __future__ import annotations

import threading

from psycopg import sql

from tdm_agents.subsetting.errors import SubsetExtractionError
from tdm_agents.subsetting.portable import value_checks
from tdm_agents.subsetting.source_session import SourceSession
from tdm_agents.subsetting.sql_builder import table_ident
from tdm_agents.subsetting.validation import ResolvedRequest


class WholeTableCheck:
    """Runs the check over whole tables in a thread; `stop()` ends it and gives what it found."""

    def __init__(self, session: SourceSession, resolved: ResolvedRequest):
        self._session, self._resolved = session, resolved
        # Guards "a check query is running": a cancel is sent only then, never into a later statement.
        self._lock = threading.Lock()
        self._progress = threading.Condition()  # signalled as each table is answered, and at the end
        self._stopping = self._running = self._ended = False
        self._error: BaseException | None = None
        self.flagged: dict[str, frozenset[str]] = {}
        # Small tables first: the most tables answered before the key sets are ready.
        tables = [t for t in resolved.output_tables() if value_checks(resolved.table(t))]
        self._tables = sorted(tables, key=lambda t: resolved.table(t).size_bytes or 0)
        self._thread = threading.Thread(target=self._run, name="tdm-subset-value-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._check_tables()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller by stop()
            self._error = exc
        finally:
            with self._progress:
                self._ended = True
                self._progress.notify_all()

    def suspects_of(self, table: str) -> frozenset[str] | None:
        """What the check finds in `table`, waiting for it if the check is on its way there; None
        when the check ended or was stopped before reaching it (the export then checks exactly)."""
        if table not in self._tables:
            return None  # nothing to check in it: the export finds that at once
        with self._progress:
            self._progress.wait_for(lambda: table in self.flagged or self._ended)
            return self.flagged.get(table)

    def _check_tables(self) -> None:
        for table in self._tables:
            checks = value_checks(self._resolved.table(table))
            query = sql.SQL("SELECT {} FROM {}").format(
                sql.SQL(", ").join(checks.values()), table_ident(self._resolved.table(table))
            )
            with self._lock:
                if self._stopping:
                    return
                self._running = True
            self._statement("SAVEPOINT tdm_value_check")
            try:
                row = self._session.execute(query, stage="value check")[0]
            except SubsetExtractionError:
                row = None  # cancelled (or refused): the table gets the exact check
            with self._lock:
                self._running = False
            if row is None:
                self._statement("ROLLBACK TO SAVEPOINT tdm_value_check")
            self._statement("RELEASE SAVEPOINT tdm_value_check")
            if row is None:
                return
            with self._progress:
                self.flagged[table] = frozenset(
                    name for name, found in zip(checks, row, strict=True) if found
                )
                self._progress.notify_all()

    def _statement(self, text: str) -> None:
        self._session.execute(sql.SQL(text), stage="value check")

    def stop(self) -> dict[str, frozenset[str]]:
        """Columns per checked table that may hold values Arrow cannot carry; unchecked tables are
        absent. Raises what the check's session raised (a lost connection, say)."""
        with self._lock:
            self._stopping = True
            if self._running:
                self._session.cancel()
        self._thread.join()
        if self._error is not None:
            raise self._error
        return dict(self.flagged)
