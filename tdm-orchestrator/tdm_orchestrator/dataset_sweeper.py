"""Remove dataset-store files of versions that will never become ready.

A job writes a version's files only after its catalog row exists, and a retried step rewrites
the same version id, so files left by a killed attempt are completed by the next one. What is
left over for good are the files of versions whose row says `failed` (the job ended without a
manifest) or `deleted` (a purge that did not finish), and files with no row at all (written by
a tool outside the job path, or a row rolled back). The first two are removed at once; files
without a row only after they have stayed row-less for a grace period, because a writer may
create the row just after the files.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable

from tdm_dataset_store import DatasetStore
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_orchestrator.services import Services

log = logging.getLogger("tdm.worker")

# Statuses after which a version's files can never become a ready version again.
FINAL_WITHOUT_DATA = frozenset({"failed", "deleted"})


class OrphanedVersionSweeper:
    """Deletes orphaned version files from the dataset store; one per worker process."""

    def __init__(
        self, services: Services, grace_s: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.services = services
        self.grace_s = grace_s
        self._clock = clock
        # When this worker first saw each row-less version: age without asking the store for mtimes.
        self._rowless_since: dict[str, float] = {}

    def sweep(self) -> list[str]:
        """Delete the files of failed, deleted and long row-less versions; returns the ids removed."""
        store: DatasetStore = self.services.dataset_store
        stored = {version_id: uuid.UUID(version_id) for version_id in store.list_version_ids()}
        with self.services.unit_of_work() as session:
            statuses = DatasetRepository(session).statuses_of(stored.values())
        doomed = [vid for vid, key in stored.items() if statuses.get(key) in FINAL_WITHOUT_DATA]
        doomed += self._expired_rowless({vid for vid, key in stored.items() if key not in statuses})
        for version_id in doomed:
            store.delete_version(version_id)
            self._rowless_since.pop(version_id, None)
        if doomed:
            log.info("removed the files of %d dataset version(s) that will never be ready", len(doomed))
        return doomed

    def _expired_rowless(self, rowless: set[str]) -> list[str]:
        now = self._clock()
        for gone in set(self._rowless_since) - rowless:
            del self._rowless_since[gone]
        for version_id in rowless:
            self._rowless_since.setdefault(version_id, now)
        return sorted(v for v, since in self._rowless_since.items() if now - since >= self.grace_s)
