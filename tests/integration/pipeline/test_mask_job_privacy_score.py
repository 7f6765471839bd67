"""A mask job's privacy score in its result and in the masked dataset's metadata (names and counts only)."""

from __future__ import annotations

from tests.integration.pipeline.test_masking_job_path import RULES, _catalog, _discovered_dataset, _mask


def test_mask_job_reports_column_coverage_and_k_anonymity(platform, start_worker, source_db_url):
    start_worker()
    _, source = _discovered_dataset(platform, source_db_url)
    job = _mask(platform, {"dataset_version_id": source, "rules": RULES, "name": "shop scored"})
    assert job["status"] == "succeeded", (job, platform.worker_logs())
    score = job["result"]["step_results"]["masking"]["privacy_score"]

    states = job["result"]["step_results"]["masking"].get("column_states")
    if states:  # coverage states recorded before masking: the shares add up over every column
        assert score["columns"] == sum(states["counts"][s] for s in ("masked", "reviewed", "unknown"))
        assert abs(score["masked_share"] + score["reviewed_share"] + score["unknown_share"] - 1) < 1e-3
    # orders.shipping_postcode is a quasi-identifier; generalised to two characters its groups grow.
    orders = score["k_anonymity"]["orders"]
    assert orders["quasi_identifiers"] == ["shipping_postcode"]
    assert orders["k"] >= 1 and score["k_min"] == min(t["k"] for t in score["k_anonymity"].values())
    assert "customers" not in score["k_anonymity"], "names and emails are identifiers, not quasi-identifiers"

    _, metadata, _, _, _ = _catalog(platform, job["result"]["masked_dataset_version_id"])
    assert metadata["privacy_score"] == score
