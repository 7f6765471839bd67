"""docs/configuration.md lists every setting of every package and is regenerated when they change."""

from pathlib import Path

from tdm_api.cli.settings_doc import render, settings_classes
from tdm_api.cli.settings_fields import env_names

DOC = Path(__file__).resolve().parents[3] / "docs" / "configuration.md"


def test_committed_configuration_reference_is_current():
    assert DOC.read_text() == render(), (
        "docs/configuration.md is stale: run `python -m tdm_api.cli.settings_doc > docs/configuration.md`"
    )


def test_every_field_of_every_settings_class_is_listed():
    text = render()
    classes = list(settings_classes())
    assert any(cls.__name__ == "StackSettings" for cls in classes)
    for cls in classes:
        for name in cls.model_fields:
            assert f"| `{env_names(cls, name)[0]}` |" in text, f"{cls.__name__}.{name}"


def test_defaults_do_not_depend_on_the_machine():
    assert str(Path.home()) not in render()
