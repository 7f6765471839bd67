from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookCreate")


@_attrs_define
class WebhookCreate:
    """
    Attributes:
        url (str):
        environment (None | str | Unset): Only jobs provisioning into this environment (name)
        events (list[Literal['tdm.job.completed']] | Unset):
        secret (None | str | Unset): HMAC-SHA256 signing secret
    """

    url: str
    environment: None | str | Unset = UNSET
    events: list[Literal["tdm.job.completed"]] | Unset = UNSET
    secret: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        environment: None | str | Unset
        if isinstance(self.environment, Unset):
            environment = UNSET
        else:
            environment = self.environment

        events: list[Literal["tdm.job.completed"]] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = self.events

        secret: None | str | Unset
        if isinstance(self.secret, Unset):
            secret = UNSET
        else:
            secret = self.secret

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
            }
        )
        if environment is not UNSET:
            field_dict["environment"] = environment
        if events is not UNSET:
            field_dict["events"] = events
        if secret is not UNSET:
            field_dict["secret"] = secret

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        url = d.pop("url")

        def _parse_environment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        environment = _parse_environment(d.pop("environment", UNSET))

        _events = d.pop("events", UNSET)
        events: list[Literal["tdm.job.completed"]] | Unset = UNSET
        if _events is not UNSET:
            events = []
            for events_item_data in _events:
                events_item = cast(Literal["tdm.job.completed"], events_item_data)
                if events_item != "tdm.job.completed":
                    raise ValueError(
                        f"events_item must match const 'tdm.job.completed', got '{events_item}'"
                    )
                events.append(events_item)

        def _parse_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        secret = _parse_secret(d.pop("secret", UNSET))

        webhook_create = cls(
            url=url,
            environment=environment,
            events=events,
            secret=secret,
        )

        return webhook_create
