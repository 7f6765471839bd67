"""Settings and connection errors become one line that names the variable and never shows its value."""

import subprocess

import psycopg
import pytest
from pydantic import AliasChoices, Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from tdm_api.cli.errors import describe_runtime_error, describe_validation_error, redact
from tdm_api.stack.ports import free_port
from tdm_api.stack.settings import StackSettings
from tdm_api.stack.supervisor import StackError


class _ExampleSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TDM_EXAMPLE_", extra="ignore")

    url: str = Field(validation_alias="EXAMPLE_DATABASE_URL", description="an aliased field")
    size: int = Field(default=1, description="a prefixed field")
    region: str = Field(
        default="x", validation_alias=AliasChoices("EXAMPLE_REGION", "AWS_REGION"), description="-"
    )


def _validation_error(monkeypatch, settings_class, **env) -> ValidationError:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as caught:
        settings_class()
    return caught.value


def test_prefixed_field_is_named_by_its_environment_variable(monkeypatch):
    error = _validation_error(monkeypatch, StackSettings, TDM_WORKERS="many")
    assert describe_validation_error(error) == (
        "TDM_WORKERS is invalid: input should be a valid integer, unable to parse string as an integer"
    )


def test_missing_and_invalid_fields_share_one_line_without_values(monkeypatch):
    monkeypatch.delenv("EXAMPLE_DATABASE_URL", raising=False)
    error = _validation_error(monkeypatch, _ExampleSettings, TDM_EXAMPLE_SIZE="s3cr3t-value")
    message = describe_validation_error(error)
    assert message.startswith("EXAMPLE_DATABASE_URL is not set; TDM_EXAMPLE_SIZE is invalid: ")
    assert "\n" not in message
    assert "s3cr3t-value" not in message


def test_metadata_store_url_error_reads_as_a_sentence(monkeypatch):
    settings = pytest.importorskip("tdm_metadata_store.settings")
    monkeypatch.setenv("DATABASE_URL", "nonsense")
    with pytest.raises(ValidationError) as caught:
        settings.MetadataStoreSettings()
    message = describe_validation_error(caught.value)
    assert message.startswith("DATABASE_URL ")
    assert "nonsense" not in message


def test_refused_postgres_connection_is_one_line_naming_postgres():
    with pytest.raises(psycopg.OperationalError) as caught:
        psycopg.connect(f"postgresql://u:hunter2@127.0.0.1:{free_port()}/db", connect_timeout=2)
    message = describe_runtime_error(caught.value)
    assert message is not None and message.startswith("cannot reach PostgreSQL: ")
    assert "\n" not in message and "hunter2" not in message


def test_failed_program_names_the_program_and_its_first_error_line():
    with pytest.raises(subprocess.CalledProcessError) as caught:
        subprocess.run(
            ["/bin/sh", "-c", "echo 'bad thing' >&2; echo more >&2; exit 4"],
            check=True,
            capture_output=True,
            text=True,
        )
    assert describe_runtime_error(caught.value) == "sh failed with exit code 4: bad thing"


def test_stack_errors_pass_through_and_programming_errors_are_not_hidden():
    assert describe_runtime_error(StackError("port 8000 for the API is already in use")) == (
        "port 8000 for the API is already in use"
    )
    assert describe_runtime_error(KeyError("x")) is None


def test_redact_hides_url_passwords():
    assert redact("at postgresql://tdm:pw@db:5432/x and redis://:pw2@r:6379/0") == (
        "at postgresql://tdm:***@db:5432/x and redis://:***@r:6379/0"
    )
