from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.job_accepted_links import JobAcceptedLinks


T = TypeVar("T", bound="JobAccepted")


@_attrs_define
class JobAccepted:
    """A job was queued; follow it at `GET /job/{job_id}` or `GET /job/{job_id}/events`.

    Attributes:
        job_id (UUID):
        operation (str):
        links (JobAcceptedLinks | Unset):
        status (str | Unset):  Default: 'queued'.
    """

    job_id: UUID
    operation: str
    links: JobAcceptedLinks | Unset = UNSET
    status: str | Unset = "queued"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        job_id = str(self.job_id)

        operation = self.operation

        links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.links, Unset):
            links = self.links.to_dict()

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "job_id": job_id,
                "operation": operation,
            }
        )
        if links is not UNSET:
            field_dict["links"] = links
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.job_accepted_links import JobAcceptedLinks

        d = dict(src_dict)
        job_id = UUID(d.pop("job_id"))

        operation = d.pop("operation")

        _links = d.pop("links", UNSET)
        links: JobAcceptedLinks | Unset
        if isinstance(_links, Unset):
            links = UNSET
        else:
            links = JobAcceptedLinks.from_dict(_links)

        status = d.pop("status", UNSET)

        job_accepted = cls(
            job_id=job_id,
            operation=operation,
            links=links,
            status=status,
        )

        job_accepted.additional_properties = d
        return job_accepted

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
