"""Key patterns and TTLs of the cache package."""

from __future__ import annotations

import pytest

from tdm_cache import keys


def test_job_keys_share_the_job_prefix() -> None:
    assert keys.job_state_key("42") == "tdm:job:42"
    assert keys.job_events_key("42") == "tdm:job:42:events"
    assert keys.job_cancel_key("42") == "tdm:job:42:cancel"


def test_lock_keys_name_kind_and_resource() -> None:
    assert keys.subset_lock_key("sv-1") == "tdm:lock:subset:sv-1"
    assert keys.provision_lock_key("env-7") == "tdm:lock:provision:env-7"
    assert keys.lock_key("mask", 3) == "tdm:lock:mask:3"


def test_tmp_and_llm_keys() -> None:
    assert keys.tmp_key("plan-abc") == "tdm:tmp:plan-abc"
    assert keys.llm_cache_key("f00d") == "tdm:llm:f00d"


def test_ttls_match_the_design() -> None:
    assert keys.JOB_STATE_TTL_S == 7 * 24 * 3600
    assert keys.TMP_TTL_S == 24 * 3600
    assert keys.JOB_EVENTS_TTL_S >= keys.JOB_STATE_TTL_S


def test_queue_names() -> None:
    assert keys.QUEUE_STREAM == "tdm:queue:jobs"
    assert keys.QUEUE_GROUP == "tdm-workers"


@pytest.mark.parametrize("bad", ["", " ", "a b", "tab\there"])
def test_ids_that_would_make_ambiguous_keys_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="job_id"):
        keys.job_state_key(bad)
    with pytest.raises(ValueError, match="resource_id"):
        keys.lock_key("subset", bad)
