"""Subsetting: a referentially intact subset of a source PostgreSQL database, read from one snapshot.

The engine is a set of plain functions the orchestrator wires into its graph:

    resolved = validate_request(SubsetRequest(...), snapshot)   # SubsetValidationError -> 422
    plan = plan_subset(psycopg_conn, snapshot, resolved)        # dry run
    result = extract_subset(url, snapshot, resolved, write_table, hooks)
    report = verify_subset(snapshot, read_table, result.row_counts)
"""

from tdm_agents.subsetting.errors import SourceConnectionLost, SubsetExtractionError, SubsetValidationError
from tdm_agents.subsetting.extractor import SubsetResult, extract_subset
from tdm_agents.subsetting.fk_graph import FkGraph
from tdm_agents.subsetting.memory_sink import MemorySink
from tdm_agents.subsetting.planner import SubsetPlan, plan_subset
from tdm_agents.subsetting.request import SubsetRequest
from tdm_agents.subsetting.validation import ResolvedRequest, validate_request
from tdm_agents.subsetting.verify import VerificationReport, verify_subset

__all__ = [
    "FkGraph",
    "MemorySink",
    "ResolvedRequest",
    "SourceConnectionLost",
    "SubsetExtractionError",
    "SubsetPlan",
    "SubsetRequest",
    "SubsetResult",
    "SubsetValidationError",
    "VerificationReport",
    "extract_subset",
    "plan_subset",
    "validate_request",
    "verify_subset",
]
