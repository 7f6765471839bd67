"""The portal mount: SPA fallback for portal routes, problem-JSON 404s for unknown API paths."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tdm_api.main import mount_portal


def _client(tmp_path: Path) -> TestClient:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "app.js").write_text("console.log('portal')")
    (tmp_path / "index.html").write_text("<html>portal</html>")
    app = FastAPI()
    mount_portal(app, tmp_path)
    return TestClient(app)


def test_portal_routes_fall_back_to_index_and_assets_are_served(tmp_path: Path) -> None:
    client = _client(tmp_path)
    assert client.get("/datasets/123").text == "<html>portal</html>"
    assert client.get("/assets/app.js").text == "console.log('portal')"
    assert client.get("/../../etc/passwd").text == "<html>portal</html>"


def test_unknown_api_paths_get_a_problem_404_for_every_method(tmp_path: Path) -> None:
    client = _client(tmp_path)
    for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        response = client.request(method, "/api/v1/no-such-thing")
        assert response.status_code == 404, method
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["detail"] == "No such endpoint."
