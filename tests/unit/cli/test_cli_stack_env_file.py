"""`tdm` commands find a running stack through TDM_ENV_FILE."""

from tdm_api.cli.stack_env import use_stack_env_file
from tdm_api.stack.env_files import write_env_file
from tdm_api.stack.home import StackHome


def test_env_file_of_the_stack_is_used_when_the_variable_is_unset(tmp_path, monkeypatch):
    home = StackHome(tmp_path)
    write_env_file(home.env_file, {"DATABASE_URL": "postgresql://h/tdm"})
    write_env_file(
        home.secrets_file, {"API_SECRET_KEY": "from-file", "TDM_MASKING_KEYS": "k1:abc"}, mode=0o600
    )
    monkeypatch.setenv("TDM_HOME", str(tmp_path))
    environ = {"API_SECRET_KEY": "from-environment"}
    assert use_stack_env_file(environ) == home.env_file
    assert environ["TDM_ENV_FILE"] == str(home.env_file)
    assert environ["API_SECRET_KEY"] == "from-environment"  # the environment wins over the stack's file
    assert environ["TDM_MASKING_KEYS"] == "k1:abc"


def test_an_explicit_env_file_is_kept(tmp_path, monkeypatch):
    write_env_file(StackHome(tmp_path).env_file, {"DATABASE_URL": "postgresql://h/tdm"})
    monkeypatch.setenv("TDM_HOME", str(tmp_path))
    environ = {"TDM_ENV_FILE": "/elsewhere/tdm.env"}
    assert str(use_stack_env_file(environ)) == "/elsewhere/tdm.env"
    assert environ == {"TDM_ENV_FILE": "/elsewhere/tdm.env"}


def test_nothing_changes_before_the_first_tdm_up(tmp_path, monkeypatch):
    monkeypatch.setenv("TDM_HOME", str(tmp_path))
    environ: dict[str, str] = {}
    assert use_stack_env_file(environ) is None
    assert environ == {}
