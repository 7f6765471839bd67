"""Gathering a table's distinct references from its export's batches."""

from __future__ import annotations

import pyarrow as pa
import pytest

from tdm_agents.subsetting import references
from tdm_agents.subsetting.references import ReferenceCollector


def _batches() -> list[pa.RecordBatch]:
    first = pa.record_batch({"id": [1, 2, 3], "a": [10, 10, None], "b": [1, 1, 2], "c": [5, 6, 5]})
    second = pa.record_batch({"id": [4, 5], "a": [11, 10], "b": [2, 1], "c": [None, 7]})
    return [first, second]


def _pairs(table: pa.Table) -> set[tuple]:
    return set(zip(*(table.column(n).to_pylist() for n in table.column_names), strict=True))


def test_batches_pass_unchanged_and_each_reference_is_gathered_once_without_nulls():
    collector = ReferenceCollector("lines", {0: ["a", "b"], 1: ["c"]})
    passed = list(collector.observe(iter(_batches())))
    assert passed == _batches()
    found = collector.wait(lambda: None)
    assert found is not None
    assert _pairs(found[0]) == {(10, 1), (11, 2)}
    assert _pairs(found[1]) == {(5,), (6,), (7,)}


def test_more_distinct_references_than_the_bound_give_up(monkeypatch):
    monkeypatch.setattr(references, "MAX_DISTINCT", 2)
    monkeypatch.setattr(references, "_COMPACT_ROWS", 1)
    collector = ReferenceCollector("lines", {0: ["c"]})
    assert len(list(collector.observe(iter(_batches())))) == 2, "the export goes on"
    assert collector.wait(lambda: None) is None


def test_an_export_that_stops_early_gives_nothing():
    stopped = ReferenceCollector("lines", {0: ["a"]})
    stream = stopped.observe(iter(_batches()))
    next(stream)
    stream.close()  # the sink failed after the first batch
    assert stopped.wait(lambda: None) is None


def test_waiting_stops_when_the_run_fails():
    class Failed(Exception):
        pass

    def stop() -> None:
        raise Failed

    with pytest.raises(Failed):
        ReferenceCollector("lines", {0: ["a"]}).wait(stop)
