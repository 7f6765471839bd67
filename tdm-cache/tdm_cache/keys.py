"""Every Redis key the platform uses, and how long each lives.

Keys share the `tdm:` prefix so one Redis can serve other applications too, and so an operator
can find the platform's keys with `SCAN MATCH tdm:*`.
"""

from __future__ import annotations

import re

PREFIX = "tdm"

DAY_S = 24 * 60 * 60
JOB_STATE_TTL_S = 7 * DAY_S
"""Job state and everything else keyed by job (events, cancel flag) outlives the job by a week."""
JOB_EVENTS_TTL_S = JOB_STATE_TTL_S
CANCEL_FLAG_TTL_S = JOB_STATE_TTL_S
TMP_TTL_S = DAY_S
"""Temporary artifacts between job steps."""
LLM_CACHE_TTL_S = 30 * DAY_S
"""LLM answers depend only on their signature (model, prompt, schema shape), so they keep long."""
JOB_EVENTS_MAXLEN = 10_000
"""Approximate cap on events kept per job; older progress events are trimmed first."""

QUEUE_STREAM = f"{PREFIX}:queue:jobs"
QUEUE_GROUP = "tdm-workers"

LOCK_KIND_SUBSET = "subset"
LOCK_KIND_PROVISION = "provision"

# Ids end up inside key names: whitespace or an empty id would make keys ambiguous or unreadable.
_PART = re.compile(r"^[^\s]+$")


def _part(name: str, value: object) -> str:
    text = str(value)
    if not _PART.match(text):
        raise ValueError(f"{name} must be a non-empty string without whitespace")
    return text


def job_state_key(job_id: object) -> str:
    """`tdm:job:{id}`: the job's cached status JSON (TTL `JOB_STATE_TTL_S`)."""
    return f"{PREFIX}:job:{_part('job_id', job_id)}"


def job_events_key(job_id: object) -> str:
    """`tdm:job:{id}:events`: the job's event stream (TTL `JOB_EVENTS_TTL_S`)."""
    return f"{job_state_key(job_id)}:events"


def job_cancel_key(job_id: object) -> str:
    """`tdm:job:{id}:cancel`: present when cancellation was requested (TTL `CANCEL_FLAG_TTL_S`)."""
    return f"{job_state_key(job_id)}:cancel"


def lock_key(kind: str, resource_id: object) -> str:
    """`tdm:lock:{kind}:{id}`: a mutual-exclusion lock on one resource."""
    return f"{PREFIX}:lock:{_part('kind', kind)}:{_part('resource_id', resource_id)}"


def subset_lock_key(schema_version_id: object) -> str:
    """`tdm:lock:subset:{schema_version_id}`: one subset run per schema version at a time."""
    return lock_key(LOCK_KIND_SUBSET, schema_version_id)


def provision_lock_key(environment_id: object) -> str:
    """`tdm:lock:provision:{environment_id}`: one load into an environment at a time."""
    return lock_key(LOCK_KIND_PROVISION, environment_id)


def tmp_key(name: str) -> str:
    """`tdm:tmp:{name}`: a temporary artifact (TTL `TMP_TTL_S`)."""
    return f"{PREFIX}:tmp:{_part('name', name)}"


def llm_cache_key(signature: str) -> str:
    """`tdm:llm:{signature}`: a cached LLM answer (TTL `LLM_CACHE_TTL_S`)."""
    return f"{PREFIX}:llm:{_part('signature', signature)}"
