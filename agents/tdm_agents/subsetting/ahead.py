"""Export the tables whose key sets are final once the downstream phase ends, while the upstream
phase still runs on the key-set session.

After the downstream phase, the targets and the tables below them whose rows no later phase can
change (`KeySetBuilder.settled_after_downstream`: order lines below sampled orders, say) already
hold their final keys. One further session, importing the same snapshot, receives copies of the
key sets they read and exports them at once; the key-set session goes on finding parents. The
share taken ahead is bounded so that the sessions exporting afterwards get their part of the work.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from tdm_agents.subsetting.export import TableSink, keysets_read
from tdm_agents.subsetting.keysets import KeySetBuilder
from tdm_agents.subsetting.parallel import (
    SharedHooks,
    copy_keysets,
    copyable,
    export_cost,
    export_share,
    table_of,
)
from tdm_agents.subsetting.references import ReferenceCollector
from tdm_agents.subsetting.source_session import SourceSession
from tdm_agents.subsetting.validation import ResolvedRequest

# When every table is final after the downstream phase: the share of the export the session ahead
# may take, relative to an even split (it starts first, so a little more).
_AHEAD_SHARE = 1.2


def tables_ahead(resolved: ResolvedRequest, keysets: KeySetBuilder, sessions: int) -> list[str]:
    """The tables to export ahead, smallest first: final after the downstream phase and reading
    only final key sets that can be copied. All of them while other tables still wait for the
    upstream phase (the key-set session has that work and their exports); when every table is
    final, the biggest ones up to a fair share of the export, so the other sessions get theirs."""
    settled = set(keysets.settled_after_downstream())
    final_sets = {keysets.keyset_name(t) for t in settled} - {None}
    candidates = []
    for table in resolved.output_tables():
        if table not in settled or table not in keysets.keys:
            continue
        names = keysets_read(resolved, keysets, table)
        if all(n in final_sets and copyable(resolved, keysets, table_of(keysets, n)) for n in names):
            candidates.append(table)
    chosen = candidates
    if all(t in settled for t in keysets.tables):
        total = sum(export_cost(resolved, keysets, t) for t in resolved.output_tables())
        room, load, chosen = _AHEAD_SHARE * total / max(sessions, 1), 0.0, []
        for table in sorted(candidates, key=lambda t: -export_cost(resolved, keysets, t)):
            if not chosen or load + export_cost(resolved, keysets, table) <= room:
                chosen.append(table)
                load += export_cost(resolved, keysets, table)
    return sorted(chosen, key=lambda t: export_cost(resolved, keysets, t))


class ExportAhead:
    """One session exporting `tables` on a thread of its own; `join()` gives the rows per table."""

    def __init__(
        self,
        main: SourceSession,
        worker: SourceSession,
        tables: list[str],
        resolved: ResolvedRequest,
        keysets: KeySetBuilder,
        sink: TableSink,
        hooks: SharedHooks,
        suspects: Callable[[str], frozenset[str] | None],
    ) -> None:
        # The upstream phase takes these tables' references from their export (see `references`)
        # and waits for them: they go first.
        collectors = {t: ReferenceCollector(t, found) for t in tables if (found := keysets.gatherable(t))}
        tables = [t for t in tables if t in collectors] + [t for t in tables if t not in collectors]
        self.tables, self._worker, self._closed = tables, worker, False
        self.counts: dict[str, int] = {}
        # On the key-set session, before it goes on: nothing else may run there meanwhile.
        copy_keysets(main, worker, resolved, keysets, tables)
        keysets.collectors.update(collectors)
        observers = {t: c.observe for t, c in collectors.items()}
        self._thread = threading.Thread(
            target=export_share,
            args=(worker, tables, resolved, keysets, sink, hooks, suspects, self.counts, observers),
            name="tdm-subset-export-ahead",
            daemon=True,
        )
        self._thread.start()

    def finished(self) -> bool:
        """Whether every table of the share is exported (or the export stopped)."""
        return not self._thread.is_alive()

    def join(self) -> dict[str, int]:
        """Wait for the exports (a failure is in the shared hooks) and close the session; may be
        called again (on the way out of a failed run)."""
        self._thread.join()
        if not self._closed:
            self._closed = True
            self._worker.close()
        return dict(self.counts)
