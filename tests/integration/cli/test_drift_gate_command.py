"""`tdm schemas drift-gate <id>`: a CI step that exits 0 while the gate is open and 8 while drift blocks."""

from __future__ import annotations

import json
import uuid

from tdm_api.cli.client.exit_codes import ExitCode
from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
from tdm_metadata_store.repositories.schemas import SchemaRepository
from tdm_metadata_store.snapshot import ColumnInfo
from tests.api.masking_dataset_support import save_schema_version
from tests.integration.cli.test_client_commands_live import tdm


def _add_column(platform, schema_id: str, version_id: str, column: str) -> str:
    engine = make_engine(platform.env["DATABASE_URL"])
    with unit_of_work(make_session_factory(engine)) as session:
        repo = SchemaRepository(session)
        snapshot = repo.load_snapshot(uuid.UUID(version_id), include_virtual=False)
        snapshot.table("customers").columns.append(ColumnInfo(name=column, data_type="text"))
        new_id = str(repo.save_version(uuid.UUID(schema_id), snapshot).id)
    engine.dispose()
    return new_id


def test_drift_gate_command_exit_codes(live_api, source_db_url):
    platform = live_api.platform
    schema_id, v1 = save_schema_version(platform.env["DATABASE_URL"], source_db_url)
    opened = tdm(live_api, "schemas", "drift-gate", schema_id, role="viewer")
    assert opened.exit_code == ExitCode.SUCCEEDED, opened.stderr
    assert "drift gate open" in opened.stdout

    v2 = _add_column(platform, schema_id, v1, "tax_id")
    closed = tdm(live_api, "schemas", "drift-gate", schema_id, "--from", "1", role="viewer")
    assert closed.exit_code == ExitCode.GATE_CLOSED == 8
    assert "tax_id" in closed.stdout and "not yet ruled or reviewed" in closed.stdout
    as_json = tdm(live_api, "-o", "json", "schemas", "drift-gate", schema_id, "--from", "1", role="viewer")
    assert as_json.exit_code == ExitCode.GATE_CLOSED
    assert json.loads(as_json.stdout)["blockers"][0]["column"] == "tax_id"

    r = platform.client.put(f"/api/v1/pii/{v2}", headers=platform.headers("operator"),
                            json=[{"table": "customers", "column": "tax_id", "decision": "reject"}])  # fmt: skip
    assert r.status_code == 200, r.text
    assert tdm(live_api, "schemas", "drift-gate", schema_id, "--from", "1", role="viewer").exit_code == 0
    missing = tdm(live_api, "schemas", "drift-gate", str(uuid.uuid4()), role="viewer")
    assert missing.exit_code == ExitCode.INVALID_REQUEST
