from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.environment_config_allowed_roles_item import (
    EnvironmentConfigAllowedRolesItem,
    check_environment_config_allowed_roles_item,
)
from ..models.environment_config_reset_mode import (
    EnvironmentConfigResetMode,
    check_environment_config_reset_mode,
)
from ..models.environment_config_tier import (
    EnvironmentConfigTier,
    check_environment_config_tier,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.smoke_query import SmokeQuery


T = TypeVar("T", bound="EnvironmentConfig")


@_attrs_define
class EnvironmentConfig:
    """
    Attributes:
        allowed_roles (list[EnvironmentConfigAllowedRolesItem] | Unset):
        protected (bool | Unset):  Default: False.
        reset_mode (EnvironmentConfigResetMode | Unset):  Default: 'truncate'.
        smoke_queries (list[SmokeQuery] | Unset):
        target_schema (str | Unset):  Default: 'public'.
        tier (EnvironmentConfigTier | Unset): Unmasked subsets go into non-production environments only with an audited
            override Default: 'non_production'.
        webhook_url (None | str | Unset):
    """

    allowed_roles: list[EnvironmentConfigAllowedRolesItem] | Unset = UNSET
    protected: bool | Unset = False
    reset_mode: EnvironmentConfigResetMode | Unset = "truncate"
    smoke_queries: list[SmokeQuery] | Unset = UNSET
    target_schema: str | Unset = "public"
    tier: EnvironmentConfigTier | Unset = "non_production"
    webhook_url: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        allowed_roles: list[str] | Unset = UNSET
        if not isinstance(self.allowed_roles, Unset):
            allowed_roles = []
            for allowed_roles_item_data in self.allowed_roles:
                allowed_roles_item: str = allowed_roles_item_data
                allowed_roles.append(allowed_roles_item)

        protected = self.protected

        reset_mode: str | Unset = UNSET
        if not isinstance(self.reset_mode, Unset):
            reset_mode = self.reset_mode

        smoke_queries: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.smoke_queries, Unset):
            smoke_queries = []
            for smoke_queries_item_data in self.smoke_queries:
                smoke_queries_item = smoke_queries_item_data.to_dict()
                smoke_queries.append(smoke_queries_item)

        target_schema = self.target_schema

        tier: str | Unset = UNSET
        if not isinstance(self.tier, Unset):
            tier = self.tier

        webhook_url: None | str | Unset
        if isinstance(self.webhook_url, Unset):
            webhook_url = UNSET
        else:
            webhook_url = self.webhook_url

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if allowed_roles is not UNSET:
            field_dict["allowed_roles"] = allowed_roles
        if protected is not UNSET:
            field_dict["protected"] = protected
        if reset_mode is not UNSET:
            field_dict["reset_mode"] = reset_mode
        if smoke_queries is not UNSET:
            field_dict["smoke_queries"] = smoke_queries
        if target_schema is not UNSET:
            field_dict["target_schema"] = target_schema
        if tier is not UNSET:
            field_dict["tier"] = tier
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.smoke_query import SmokeQuery

        d = dict(src_dict)
        _allowed_roles = d.pop("allowed_roles", UNSET)
        allowed_roles: list[EnvironmentConfigAllowedRolesItem] | Unset = UNSET
        if _allowed_roles is not UNSET:
            allowed_roles = []
            for allowed_roles_item_data in _allowed_roles:
                allowed_roles_item = check_environment_config_allowed_roles_item(
                    allowed_roles_item_data
                )

                allowed_roles.append(allowed_roles_item)

        protected = d.pop("protected", UNSET)

        _reset_mode = d.pop("reset_mode", UNSET)
        reset_mode: EnvironmentConfigResetMode | Unset
        if isinstance(_reset_mode, Unset):
            reset_mode = UNSET
        else:
            reset_mode = check_environment_config_reset_mode(_reset_mode)

        _smoke_queries = d.pop("smoke_queries", UNSET)
        smoke_queries: list[SmokeQuery] | Unset = UNSET
        if _smoke_queries is not UNSET:
            smoke_queries = []
            for smoke_queries_item_data in _smoke_queries:
                smoke_queries_item = SmokeQuery.from_dict(smoke_queries_item_data)

                smoke_queries.append(smoke_queries_item)

        target_schema = d.pop("target_schema", UNSET)

        _tier = d.pop("tier", UNSET)
        tier: EnvironmentConfigTier | Unset
        if isinstance(_tier, Unset):
            tier = UNSET
        else:
            tier = check_environment_config_tier(_tier)

        def _parse_webhook_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        webhook_url = _parse_webhook_url(d.pop("webhook_url", UNSET))

        environment_config = cls(
            allowed_roles=allowed_roles,
            protected=protected,
            reset_mode=reset_mode,
            smoke_queries=smoke_queries,
            target_schema=target_schema,
            tier=tier,
            webhook_url=webhook_url,
        )

        return environment_config
