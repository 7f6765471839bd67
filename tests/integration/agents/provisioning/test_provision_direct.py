"""Direct delivery on real PostgreSQL: a subset teed into the target's COPY and the dataset store.

Both legs must hold the same rows; a failure of either leg must leave the target as it was.
"""

from __future__ import annotations

import threading
import time
import uuid

import psycopg
import pyarrow as pa
import pytest

from tdm_agents.provisioning.direct import deliver
from tdm_agents.provisioning.errors import LoadError
from tdm_agents.provisioning.provision import ProvisionOptions, provision
from tdm_agents.schema_discovery.discover import discover
from tdm_agents.subsetting import MemorySink, SubsetRequest, extract_subset, validate_request
from tests.fixtures.postgres import create_database, drop_database
from tests.integration.agents.provisioning.provision_support import (
    dataset_input,
    export_dataset,
    target_fingerprint,
)

pytestmark = pytest.mark.integration

V1, V2, V3, V4 = (str(uuid.uuid4()) for _ in range(4))


class StoreFailed(RuntimeError):
    """The dataset store's writer broke (a full disk, a lost bucket)."""


@pytest.fixture
def subset(source_db_url):
    snapshot = discover(source_db_url, schemas=("public", "sales"), include_stats=False)
    request = SubsetRequest(
        schema_version_id="sv",
        connection_string=source_db_url,
        root_table="customers",
        sampling_pct=60,
        seed=3,
    )
    return source_db_url, snapshot, validate_request(request, snapshot)


def _deliver(subset, store, target_url, version_id=V1, sink_wrapper=None):
    """Extract the subset, teeing it into `target_url` and `store`; commit only when all went well."""
    url, snapshot, resolved = subset
    files = {}

    def sink(table, batches, schema):
        files[table] = store.write_table(version_id, table, batches, schema)
        return files[table]

    inner = sink_wrapper(sink) if sink_wrapper else sink
    with deliver(target_url, snapshot, resolved.output_tables(), ProvisionOptions()) as delivery:
        result = extract_subset(url, snapshot, resolved, delivery.tee(inner))
        outcome = delivery.complete(
            result.row_counts, lambda t: store.read_table(version_id, t, allow_incomplete=True)
        )
        store.write_manifest(version_id, files)
        delivery.commit()
    return result, outcome


def _preloaded_target(pg_server_url, source_db_url, local_store):
    """A target that already holds a full provisioning run (so 'unchanged' is not 'empty')."""
    target = create_database(pg_server_url, prefix="tdm_direct")
    version, snapshot = export_dataset(source_db_url, local_store)
    provision(target, dataset_input(local_store, version, snapshot), ProvisionOptions())
    return target


def test_both_legs_hold_the_same_rows(subset, local_store, fresh_db_url, pg_server_url):
    result, outcome = _deliver(subset, local_store, fresh_db_url)
    assert outcome["smoke_test_results"]["passed"], outcome["smoke_test_results"]
    assert outcome["row_counts"] == result.row_counts
    assert sum(result.row_counts.values()) > 0
    # The stored version, provisioned the ordinary way, gives exactly the same target.
    _, snapshot, _ = subset
    again = create_database(pg_server_url, prefix="tdm_direct")
    try:
        provision(again, dataset_input(local_store, V1, snapshot), ProvisionOptions())
        assert target_fingerprint(again) == target_fingerprint(fresh_db_url)
    finally:
        drop_database(pg_server_url, again)


def test_store_failure_rolls_the_target_back(subset, local_store, pg_server_url, source_db_url):
    target = _preloaded_target(pg_server_url, source_db_url, local_store)
    try:
        before = target_fingerprint(target)

        def failing(sink):
            def wrapped(table, batches, schema):
                if table != "orders":
                    return sink(table, batches, schema)

                def broken():
                    for batch in batches:
                        yield batch
                        raise StoreFailed("disk full")

                return sink(table, broken(), schema)

            return wrapped

        with pytest.raises(StoreFailed):
            _deliver(subset, local_store, target, version_id=V2, sink_wrapper=failing)
        assert target_fingerprint(target) == before
        assert local_store.read_manifest(V2) is None
    finally:
        drop_database(pg_server_url, target)


def test_target_failure_stops_the_store_and_rolls_back(subset, local_store, pg_server_url, source_db_url):
    target = _preloaded_target(pg_server_url, source_db_url, local_store)
    try:
        with psycopg.connect(target, autocommit=True) as conn:  # every order row now breaks the COPY
            conn.execute("ALTER TABLE orders ADD CONSTRAINT no_rows CHECK (false) NOT VALID")
        before = target_fingerprint(target)
        with pytest.raises(LoadError, match="orders"):
            _deliver(subset, local_store, target, version_id=V3)
        assert target_fingerprint(target) == before
        assert local_store.read_manifest(V3) is None, "the dataset version was not published"
    finally:
        drop_database(pg_server_url, target)


def test_a_table_arriving_while_the_target_is_busy_is_loaded_from_the_store(
    subset, local_store, fresh_db_url
):
    """Tables extracted on several connections: a table handed over during another table's COPY
    goes to the store only, and `complete` loads it from there; the target gets every row."""
    url, snapshot, resolved = subset
    extracted = MemorySink()
    result = extract_subset(url, snapshot, resolved, extracted)
    first, second, *rest = resolved.output_tables()

    def store(table, batches, schema):
        return local_store.write_table(V4, table, batches, schema)

    with deliver(fresh_db_url, snapshot, resolved.output_tables(), ProvisionOptions()) as delivery:
        tee = delivery.tee(store)

        def first_table_sink(table, batches, schema):  # the second table arrives mid-COPY of the first
            tee(second, *_stream(extracted, second))
            return store(table, batches, schema)

        delivery.tee(first_table_sink)(first, *_stream(extracted, first))
        for table in rest:
            tee(table, *_stream(extracted, table))
        assert list(delivery.deferred) == [second]
        outcome = delivery.complete(
            result.row_counts, lambda t: local_store.read_table(V4, t, allow_incomplete=True)
        )
        delivery.commit()
    assert outcome["row_counts"] == result.row_counts
    assert outcome["smoke_test_results"]["passed"], outcome["smoke_test_results"]


def _stream(sink: MemorySink, table: str) -> tuple[list[pa.RecordBatch], pa.Schema]:
    data = sink.read_table(table)
    return data.to_batches(max_chunksize=7), data.schema


def _first_two_arrive_together(delivery, extracted, store, tables, read_stored=None):
    """Hand `tables` to the tee; the second arrives mid-COPY of the first, so it is deferred."""
    tee = delivery.tee(store, read_stored)
    first, second, *rest = tables

    def first_table_sink(table, batches, schema):
        tee(second, *_stream(extracted, second))
        return store(table, batches, schema)

    delivery.tee(first_table_sink, read_stored)(first, *_stream(extracted, first))
    for table in rest:
        tee(table, *_stream(extracted, table))
    return second


def _extracted_with_store(subset, local_store):
    """The subset extracted once (result, rows), and a writer and reader of a new stored version."""
    url, snapshot, resolved = subset
    extracted = MemorySink()
    result = extract_subset(url, snapshot, resolved, extracted)
    version = str(uuid.uuid4())

    def store(table, batches, schema):
        return local_store.write_table(version, table, batches, schema)

    def stored(table):
        return local_store.read_table(version, table, allow_incomplete=True)

    return result, extracted, store, stored


def test_a_deferred_table_is_loaded_as_soon_as_the_target_is_free(subset, local_store, fresh_db_url):
    """Given a reader of the store, the tee loads a deferred table on a thread of its own once the
    target's COPY is done, without waiting for `complete`."""
    _, snapshot, resolved = subset
    result, extracted, store, stored = _extracted_with_store(subset, local_store)

    with deliver(fresh_db_url, snapshot, resolved.output_tables(), ProvisionOptions()) as delivery:
        second = _first_two_arrive_together(delivery, extracted, store, resolved.output_tables(), stored)
        # Tables handed over while the loader holds the target are deferred in their turn.
        assert next(iter(delivery.deferred)) == second
        deadline = time.monotonic() + 10
        while set(delivery.deferred) - set(delivery.session.loaded) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert {t: delivery.session.loaded.get(t) for t in delivery.deferred} == {
            t: result.row_counts[t] for t in delivery.deferred
        }, "every deferred table is loaded before complete"
        # With nothing left to load, the loader builds the loaded tables' keys, not complete.
        table = delivery.session.layout.tables[second].qualified
        keyed = "SELECT count(*) FROM pg_constraint WHERE contype = 'p' AND conrelid = %s::regclass"
        while delivery.session.conn.execute(keyed, [table]).fetchone()[0] == 0:
            assert time.monotonic() < deadline, f"{table} got no primary key before complete"
            time.sleep(0.05)
        outcome = delivery.complete(result.row_counts, stored)
        delivery.commit()
    assert outcome["row_counts"] == result.row_counts
    assert outcome["smoke_test_results"]["passed"], outcome["smoke_test_results"]


def test_keys_are_built_between_tables_and_a_table_arriving_meanwhile_waits(
    subset, local_store, fresh_db_url
):
    """After each table loaded through the tee, the loader builds keys while the target would wait
    for the next one; a table handed over meanwhile waits for the keys (short) instead of being
    deferred to the store and read back."""
    _, snapshot, resolved = subset
    result, extracted, store, stored = _extracted_with_store(subset, local_store)

    with deliver(fresh_db_url, snapshot, resolved.output_tables(), ProvisionOptions()) as delivery:
        tee = delivery.tee(store, stored)
        tables = delivery.session.layout.tables
        order = delivery.session.order
        keyed_first = next(i for i, t in enumerate(order) if tables[t].info.primary_key)
        for key in order[: keyed_first + 1]:
            tee(key, *_stream(extracted, key))
        table = tables[order[keyed_first]].qualified
        keyed = "SELECT count(*) FROM pg_constraint WHERE contype = 'p' AND conrelid = %s::regclass"
        deadline = time.monotonic() + 10
        while delivery.session.conn.execute(keyed, [table]).fetchone()[0] == 0:
            assert time.monotonic() < deadline, f"{table} got no primary key before the next table"
            time.sleep(0.01)
        for key in order[keyed_first + 1 :]:
            tee(key, *_stream(extracted, key))
        assert delivery.deferred == {}, "no table was deferred while keys were built"
        outcome = delivery.complete(result.row_counts, stored)
        delivery.commit()
    assert outcome["row_counts"] == result.row_counts
    assert outcome["smoke_test_results"]["passed"], outcome["smoke_test_results"]


def test_a_deferred_tables_failure_rolls_the_target_back(subset, local_store, pg_server_url, source_db_url):
    url, snapshot, resolved = subset
    target = _preloaded_target(pg_server_url, source_db_url, local_store)
    try:
        extracted = MemorySink()
        result = extract_subset(url, snapshot, resolved, extracted)
        second = resolved.output_tables()[1]
        with psycopg.connect(target, autocommit=True) as conn:  # every row of the deferred table breaks
            conn.execute(f"ALTER TABLE {second} ADD CONSTRAINT no_rows CHECK (false) NOT VALID")
        before = target_fingerprint(target)
        version = str(uuid.uuid4())

        def store(table, batches, schema):
            return local_store.write_table(version, table, batches, schema)

        def stored(table):
            return local_store.read_table(version, table, allow_incomplete=True)

        with (
            pytest.raises(LoadError, match=second),
            deliver(target, snapshot, resolved.output_tables(), ProvisionOptions()) as delivery,
        ):
            _first_two_arrive_together(delivery, extracted, store, resolved.output_tables(), stored)
            delivery.complete(result.row_counts, stored)
            delivery.commit()
        assert target_fingerprint(target) == before
    finally:
        drop_database(pg_server_url, target)


def test_leaving_mid_load_stops_the_loader_and_rolls_back(subset, local_store, pg_server_url, source_db_url):
    """A run that fails while a deferred table is being loaded waits for the loader to stop before
    the target rolls back, and leaves the target as it was."""
    url, snapshot, resolved = subset
    target = _preloaded_target(pg_server_url, source_db_url, local_store)
    try:
        extracted = MemorySink()
        extract_subset(url, snapshot, resolved, extracted)
        before = target_fingerprint(target)
        version, loading = str(uuid.uuid4()), threading.Event()

        def store(table, batches, schema):
            return local_store.write_table(version, table, batches, schema)

        def slow_stored(table):
            for batch in local_store.read_table(version, table, allow_incomplete=True):
                loading.set()
                time.sleep(0.2)
                yield batch

        with (
            pytest.raises(StoreFailed),
            deliver(target, snapshot, resolved.output_tables(), ProvisionOptions()) as delivery,
        ):
            _first_two_arrive_together(delivery, extracted, store, resolved.output_tables(), slow_stored)
            assert loading.wait(10)
            raise StoreFailed("the extraction broke")
        assert not [t for t in threading.enumerate() if t.name == "tdm-direct-late-load"]
        assert target_fingerprint(target) == before
    finally:
        drop_database(pg_server_url, target)


class Orphans(AssertionError):
    """The dataset's verification found a dangling reference."""


def test_the_target_finishes_while_the_dataset_is_verified(subset, local_store, pg_server_url, source_db_url):
    """`complete_while` builds the target's keys while the check runs; a failed check is raised
    once the target is done, and the run rolls back."""
    url, snapshot, resolved = subset
    target = _preloaded_target(pg_server_url, source_db_url, local_store)
    try:
        before = target_fingerprint(target)
        version, files, threads = str(uuid.uuid4()), {}, set()

        def sink(table, batches, schema):
            files[table] = local_store.write_table(version, table, batches, schema)
            return files[table]

        def stored(table):
            return local_store.read_table(version, table, allow_incomplete=True)

        def check(fail: bool):
            threads.add(threading.current_thread().name)
            if fail:
                raise Orphans("orders.customer_id")

        with (
            pytest.raises(Orphans),
            deliver(target, snapshot, resolved.output_tables(), ProvisionOptions()) as delivery,
        ):
            result = extract_subset(url, snapshot, resolved, delivery.tee(sink, stored))
            delivery.complete_while(lambda: check(True), result.row_counts, stored)
            delivery.commit()
        assert target_fingerprint(target) == before
        assert threads == {threading.current_thread().name}, "the check runs in the caller"

        with deliver(target, snapshot, resolved.output_tables(), ProvisionOptions()) as delivery:
            result = extract_subset(url, snapshot, resolved, delivery.tee(sink, stored))
            outcome = delivery.complete_while(lambda: check(False), result.row_counts, stored)
            delivery.commit()
        assert outcome["row_counts"] == result.row_counts
        assert outcome["smoke_test_results"]["passed"], outcome["smoke_test_results"]
    finally:
        drop_database(pg_server_url, target)


def test_key_builds_stop_between_statements_when_a_table_waits(subset, local_store, fresh_db_url):
    """`build_keys(until=...)` stops before the next table's keys or foreign key once `until()` is
    true; a later call builds the rest."""
    from tdm_agents.provisioning.session import open_session

    url, snapshot, resolved = subset
    extracted = MemorySink()
    result = extract_subset(url, snapshot, resolved, extracted)
    with open_session(fresh_db_url, snapshot, resolved.output_tables(), ProvisionOptions()) as session:
        for table in session.order:
            batches, schema = _stream(extracted, table)
            session.load(table, schema, batches)
        asked: list[int] = []

        def after_two() -> bool:
            asked.append(1)
            return len(asked) > 2

        session.build_keys(until=after_two)
        assert len(session._keyed) == 2, "two tables keyed, then it stopped"
        assert not session._linked
        session.build_keys()
        assert len(session._keyed) == len(session.order)
        outcome = session.finish(result.row_counts)
        assert outcome["smoke_test_results"]["passed"], outcome["smoke_test_results"]
