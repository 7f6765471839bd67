"""Every endpoint × {no key, revoked key, viewer, operator, admin}: the role table holds.

The table below is the contract (docs/security.md shows the same). A new endpoint without a row
here fails `test_every_endpoint_has_a_role`.
"""

from __future__ import annotations

import uuid

import pytest

from tdm_api.openapi_export import generate_spec

PUBLIC = "public"
MIN_ROLE: dict[str, str] = {
    "health": PUBLIC,
    "ready": PUBLIC,
    "whoAmI": "viewer",
    "listConnections": "viewer",
    "getConnection": "viewer",
    "createConnection": "admin",
    "deleteConnection": "admin",
    "testConnection": "operator",
    "listEnvironments": "viewer",
    "getEnvironment": "viewer",
    "createEnvironment": "admin",
    "updateEnvironment": "admin",
    "deleteEnvironment": "admin",
    "discoverSchema": "operator",
    "listSchemas": "viewer",
    "getSchema": "viewer",
    "listSchemaVersions": "viewer",
    "diffSchemaVersions": "viewer",
    "getSchemaDriftGate": "viewer",
    "listVirtualRelationships": "viewer",
    "addVirtualRelationship": "operator",
    "deleteVirtualRelationship": "operator",
    "classifyPii": "operator",
    "getPiiMap": "viewer",
    "reviewPii": "operator",
    "getSuggestedMaskingRules": "viewer",
    "listWorkflowTemplates": "viewer",
    "executeWorkflow": "operator",
    "getWorkflowStatus": "viewer",
    "resumeJob": "operator",
    "listWebhooks": "admin",
    "createWebhook": "admin",
    "deleteWebhook": "admin",
    "listJobs": "viewer",
    "getJob": "viewer",
    "cancelJob": "operator",
    "jobEvents": "viewer",
    "maskDataset": "operator",
    "previewMasking": "operator",
    "detokenize": "admin",
    "createMaskingRuleSet": "operator",
    "listMaskingRuleSets": "viewer",
    "listMaskingTransformers": "viewer",
    "getMaskingRuleSet": "viewer",
    "createSubset": "operator",
    "planSubset": "operator",
    "generateSynthetic": "operator",
    "generateSyntheticFromUploads": "operator",
    "previewSynthetic": "operator",
    "listDomainPacks": "viewer",
    "provisionDataset": "operator",
    "listDatasets": "viewer",
    "getDataset": "viewer",
    "downloadDataset": "viewer",
    "deleteDataset": "admin",
    "getDatasetLineage": "viewer",
}
RANK = {"viewer": 0, "operator": 1, "admin": 2}


def _operations():
    spec = generate_spec()
    for path, item in spec["paths"].items():
        for method, op in item.items():
            yield op["operationId"], method.upper(), path


def _concrete(path: str) -> str:
    out = path
    while "{" in out:
        start, end = out.index("{"), out.index("}")
        out = out[:start] + str(uuid.uuid4()) + out[end + 1 :]
    return out + ("?from=1&to=2" if path.endswith("/diff") else "")


def test_every_endpoint_has_a_role():
    ops = {op for op, _, _ in _operations()}
    assert ops == set(MIN_ROLE), f"missing: {ops - set(MIN_ROLE)}; stale: {set(MIN_ROLE) - ops}"


@pytest.mark.parametrize("who", ["none", "revoked", "viewer", "operator", "admin"])
def test_role_matrix(platform, who):
    client = platform.client
    headers = {}
    if who == "revoked":
        from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
        from tdm_metadata_store.repositories.api_keys import ApiKeyRepository

        engine = make_engine(platform.env["DATABASE_URL"])
        with unit_of_work(make_session_factory(engine)) as session:
            repo = ApiKeyRepository(session)
            row, key = repo.create("soon-revoked", "admin")
            repo.revoke(row.id)
        engine.dispose()
        headers = {"X-API-Key": key}
    elif who != "none":
        headers = platform.headers(who)
    for op, method, path in _operations():
        role = MIN_ROLE[op]
        kwargs = {"headers": headers}
        if method in ("POST", "PUT", "PATCH"):
            kwargs["json"] = {}
        response = client.request(method, _concrete(path), **kwargs)
        code = response.status_code
        assert code < 500, (op, who, code, response.text)
        if role == PUBLIC:
            assert code not in (401, 403), (op, who, code)
        elif who in ("none", "revoked"):
            assert code == 401, (op, who, code)
            assert response.headers["content-type"].startswith("application/problem+json")
        elif RANK[who] >= RANK[role]:
            assert code not in (401, 403), (op, who, code, response.text)
        else:
            assert code == 403, (op, who, code)
