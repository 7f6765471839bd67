"""A workflow option the steps would not read (misspelt, or outside its step's section) is a 422
naming it, and no job is queued: it must not silently fall back to a default."""

from __future__ import annotations

import pytest


def _jobs(platform) -> int:
    body = platform.client.get("/api/v1/jobs", headers=platform.headers("viewer")).json()
    return body["total"] if isinstance(body, dict) else len(body)


@pytest.mark.parametrize(
    ("overrides", "words"),
    [
        ({"synthetic": {"domain_pak": "ecommerce"}}, "synthetic.domain_pak: unknown option"),
        ({"target_schema": "ci_wf"}, "target_schema: not a workflow option; it belongs under 'provision'"),
        ({"synthetic": {"seed": -1}}, "synthetic.seed"),
    ],
)
def test_misplaced_workflow_options_are_422(platform, overrides, words):
    before = _jobs(platform)
    r = platform.client.post(
        "/api/v1/workflow/execute",
        headers=platform.headers("operator"),
        json={"template": "quick_synthetic", "overrides": overrides},
    )
    assert r.status_code == 422, r.text
    assert words in r.text
    assert _jobs(platform) == before


def test_a_well_placed_option_is_accepted(platform):
    r = platform.client.post(
        "/api/v1/workflow/execute",
        headers=platform.headers("operator"),
        json={"template": "quick_synthetic", "overrides": {"synthetic": {"seed": 3, "locale": "de_DE"}}},
    )
    assert r.status_code == 202, r.text
