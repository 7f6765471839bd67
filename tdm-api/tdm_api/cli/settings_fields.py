"""How pydantic-settings classes map their fields to environment variable names."""

from __future__ import annotations

from pydantic import AliasChoices, AliasPath
from pydantic_settings import BaseSettings


def env_names(settings_class: type[BaseSettings], field_name: str) -> list[str]:
    """The environment variables that set `field_name`, in the order pydantic-settings tries them."""
    field = settings_class.model_fields[field_name]
    alias = field.validation_alias or field.alias
    if isinstance(alias, str):
        names = [alias]
    elif isinstance(alias, AliasChoices):
        names = [choice if isinstance(choice, str) else str(choice.path[0]) for choice in alias.choices]
    elif isinstance(alias, AliasPath):
        names = [str(alias.path[0])]
    else:
        names = [f"{settings_class.model_config.get('env_prefix', '')}{field_name}"]
    if settings_class.model_config.get("case_sensitive"):
        return names
    return [name.upper() for name in names]


def settings_classes_named(title: str) -> list[type[BaseSettings]]:
    """Loaded settings classes whose name is `title` (a ValidationError names its model this way)."""
    found: list[type[BaseSettings]] = []
    pending: list[type[BaseSettings]] = [BaseSettings]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__name__ == title:
            found.append(cls)
    return found


def env_name_for_location(title: str, location: str) -> str:
    """The environment variable behind an error location of settings class `title`.

    Aliased fields already report their alias; plain fields report the field name, which becomes
    the prefixed, upper-cased variable name.
    """
    for cls in settings_classes_named(title):
        if location in cls.model_fields:
            return env_names(cls, location)[0]
        for field_name in cls.model_fields:
            if location.upper() in env_names(cls, field_name):
                return location.upper()
    return location.upper()
