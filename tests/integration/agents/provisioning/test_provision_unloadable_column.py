"""A dataset column that cannot be loaded into an existing target table stops the run before the
target changes, naming table and column (issue 14: failures name the table and column)."""

from __future__ import annotations

import psycopg
import pyarrow as pa
import pytest

from tdm_agents.provisioning.dataset_schema import snapshot_from_arrow
from tdm_agents.provisioning.errors import LoadError
from tdm_agents.provisioning.provision import DatasetInput, ProvisionOptions, provision

pytestmark = pytest.mark.integration


def test_unloadable_column_fails_before_truncating_anything(fresh_db_url):
    with psycopg.connect(fresh_db_url) as conn:
        conn.execute("CREATE TABLE notes (id integer PRIMARY KEY, payload text)")
        conn.execute("INSERT INTO notes VALUES (1, 'kept')")
    nested = pa.struct([pa.field("a", pa.int32())])
    schema = pa.schema([pa.field("id", pa.int32()), pa.field("payload", nested)])
    batch = pa.record_batch([pa.array([7], pa.int32()), pa.array([{"a": 1}], nested)], schema=schema)
    dataset = DatasetInput(
        snapshot=snapshot_from_arrow({"notes": schema}),
        row_counts={"notes": 1},
        arrow_schemas={"notes": schema},
        read=lambda table: [batch],
    )
    with pytest.raises(LoadError, match=r"notes\.payload"):
        provision(fresh_db_url, dataset, ProvisionOptions(mode="truncate"))
    with psycopg.connect(fresh_db_url) as conn:
        assert conn.execute("SELECT id, payload FROM notes").fetchall() == [(1, "kept")]
