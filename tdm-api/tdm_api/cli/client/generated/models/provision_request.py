from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.provision_request_mode_type_0 import (
    ProvisionRequestModeType0,
    check_provision_request_mode_type_0,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="ProvisionRequest")


@_attrs_define
class ProvisionRequest:
    """The plan's body (`dataset_version_id`, `target_env`, `reset_env`, `run_smoke_tests`) plus options.

    Attributes:
        dataset_version_id (UUID):
        target_env (str): Environment name or id
        allow_unmasked (bool | Unset): Load an unmasked subset into a non-production environment anyway (audited; needs
            override_reason) Default: False.
        mode (None | ProvisionRequestModeType0 | Unset): Overrides reset_env and the environment's default reset mode
        override_reason (None | str | Unset): Why unmasked data may go there (kept in the audit log)
        reset_env (bool | Unset): Reset the tables first (the environment's reset mode) Default: True.
        run_smoke_tests (bool | Unset):  Default: True.
        target_schema (None | str | Unset): Load every table into this schema, created on demand
        ttl_hours (float | None | Unset): Drop the target schema this many hours after the load
    """

    dataset_version_id: UUID
    target_env: str
    allow_unmasked: bool | Unset = False
    mode: None | ProvisionRequestModeType0 | Unset = UNSET
    override_reason: None | str | Unset = UNSET
    reset_env: bool | Unset = True
    run_smoke_tests: bool | Unset = True
    target_schema: None | str | Unset = UNSET
    ttl_hours: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        dataset_version_id = str(self.dataset_version_id)

        target_env = self.target_env

        allow_unmasked = self.allow_unmasked

        mode: None | str | Unset
        if isinstance(self.mode, Unset):
            mode = UNSET
        elif isinstance(self.mode, str):
            mode = self.mode
        else:
            mode = self.mode

        override_reason: None | str | Unset
        if isinstance(self.override_reason, Unset):
            override_reason = UNSET
        else:
            override_reason = self.override_reason

        reset_env = self.reset_env

        run_smoke_tests = self.run_smoke_tests

        target_schema: None | str | Unset
        if isinstance(self.target_schema, Unset):
            target_schema = UNSET
        else:
            target_schema = self.target_schema

        ttl_hours: float | None | Unset
        if isinstance(self.ttl_hours, Unset):
            ttl_hours = UNSET
        else:
            ttl_hours = self.ttl_hours

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "dataset_version_id": dataset_version_id,
                "target_env": target_env,
            }
        )
        if allow_unmasked is not UNSET:
            field_dict["allow_unmasked"] = allow_unmasked
        if mode is not UNSET:
            field_dict["mode"] = mode
        if override_reason is not UNSET:
            field_dict["override_reason"] = override_reason
        if reset_env is not UNSET:
            field_dict["reset_env"] = reset_env
        if run_smoke_tests is not UNSET:
            field_dict["run_smoke_tests"] = run_smoke_tests
        if target_schema is not UNSET:
            field_dict["target_schema"] = target_schema
        if ttl_hours is not UNSET:
            field_dict["ttl_hours"] = ttl_hours

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        dataset_version_id = UUID(d.pop("dataset_version_id"))

        target_env = d.pop("target_env")

        allow_unmasked = d.pop("allow_unmasked", UNSET)

        def _parse_mode(data: object) -> None | ProvisionRequestModeType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                mode_type_0 = check_provision_request_mode_type_0(data)

                return mode_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProvisionRequestModeType0 | Unset, data)

        mode = _parse_mode(d.pop("mode", UNSET))

        def _parse_override_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        override_reason = _parse_override_reason(d.pop("override_reason", UNSET))

        reset_env = d.pop("reset_env", UNSET)

        run_smoke_tests = d.pop("run_smoke_tests", UNSET)

        def _parse_target_schema(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        target_schema = _parse_target_schema(d.pop("target_schema", UNSET))

        def _parse_ttl_hours(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        ttl_hours = _parse_ttl_hours(d.pop("ttl_hours", UNSET))

        provision_request = cls(
            dataset_version_id=dataset_version_id,
            target_env=target_env,
            allow_unmasked=allow_unmasked,
            mode=mode,
            override_reason=override_reason,
            reset_env=reset_env,
            run_smoke_tests=run_smoke_tests,
            target_schema=target_schema,
            ttl_hours=ttl_hours,
        )

        return provision_request
