"""Service kinds join the stack only once their `tdm` command exists."""

import pytest

from tdm_api.stack import services
from tdm_api.stack.services import ServiceKind, ServiceSpec, register_service_kind, stack_services


@pytest.fixture
def service_kinds(monkeypatch):
    monkeypatch.setattr(services, "SERVICE_KINDS", list(services.SERVICE_KINDS))
    return services.SERVICE_KINDS


def _env() -> dict[str, str]:
    return {"TDM_API_URL": "http://127.0.0.1:8123", "TDM_WORKERS": "2"}


def test_kinds_whose_command_module_is_missing_are_left_out(tmp_path, service_kinds):
    service_kinds[:] = [ServiceKind("api", "tdm_api.cli.no_such_module", services._api_services)]
    assert stack_services(tmp_path, _env()) == []


def test_api_and_worker_specs_when_their_commands_exist(tmp_path, service_kinds):
    service_kinds[:] = []
    register_service_kind(ServiceKind("api", "tdm_api.cli.main", services._api_services))
    register_service_kind(ServiceKind("worker", "tdm_api.cli.main", services._worker_services))
    specs = stack_services(tmp_path, _env())
    assert [spec.name for spec in specs] == ["api", "worker-1", "worker-2"]
    api = specs[0]
    assert api.health_url == "http://127.0.0.1:8123/api/v1/health"
    assert api.argv[1:] == ["-m", "tdm_api.cli.main", "api", "--host", "127.0.0.1", "--port", "8123"]
    assert specs[1].argv[-1] == "worker" and specs[1].health_url is None
    assert all(spec.env["TDM_API_URL"] == "http://127.0.0.1:8123" for spec in specs)


def test_registering_a_kind_again_replaces_it(tmp_path, service_kinds):
    def one(home, env):
        return [ServiceSpec("x", ["true"])]

    def two(home, env):
        return [ServiceSpec("y", ["true"])]

    service_kinds[:] = []
    register_service_kind(ServiceKind("x", "tdm_api.cli.main", one))
    register_service_kind(ServiceKind("x", "tdm_api.cli.main", two))
    assert [spec.name for spec in stack_services(tmp_path, {})] == ["y"]
