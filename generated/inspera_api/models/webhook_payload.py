from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.webhook_extra_info import WebhookExtraInfo


T = TypeVar("T", bound="WebhookPayload")


@_attrs_define
class WebhookPayload:
    """Body of a webhook delivery, signed with X-Inspera-Signature (hex HMAC-SHA1 of the raw body).

    Attributes:
        event (str):
        associated_object_id (int | Unset):
        context_object_id (int | Unset):
        context_object_type (str | Unset):
        extra_info (WebhookExtraInfo | Unset):
        timestamp (datetime.datetime | Unset):
    """

    event: str
    associated_object_id: int | Unset = UNSET
    context_object_id: int | Unset = UNSET
    context_object_type: str | Unset = UNSET
    extra_info: WebhookExtraInfo | Unset = UNSET
    timestamp: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event = self.event

        associated_object_id = self.associated_object_id

        context_object_id = self.context_object_id

        context_object_type = self.context_object_type

        extra_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.extra_info, Unset):
            extra_info = self.extra_info.to_dict()

        timestamp: str | Unset = UNSET
        if not isinstance(self.timestamp, Unset):
            timestamp = self.timestamp.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event": event,
            }
        )
        if associated_object_id is not UNSET:
            field_dict["associatedObjectId"] = associated_object_id
        if context_object_id is not UNSET:
            field_dict["contextObjectId"] = context_object_id
        if context_object_type is not UNSET:
            field_dict["contextObjectType"] = context_object_type
        if extra_info is not UNSET:
            field_dict["extraInfo"] = extra_info
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.webhook_extra_info import WebhookExtraInfo

        d = dict(src_dict)
        event = d.pop("event")

        associated_object_id = d.pop("associatedObjectId", UNSET)

        context_object_id = d.pop("contextObjectId", UNSET)

        context_object_type = d.pop("contextObjectType", UNSET)

        _extra_info = d.pop("extraInfo", UNSET)
        extra_info: WebhookExtraInfo | Unset
        if isinstance(_extra_info, Unset):
            extra_info = UNSET
        else:
            extra_info = WebhookExtraInfo.from_dict(_extra_info)

        _timestamp = d.pop("timestamp", UNSET)
        timestamp: datetime.datetime | Unset
        if isinstance(_timestamp, Unset):
            timestamp = UNSET
        else:
            timestamp = datetime.datetime.fromisoformat(_timestamp)

        webhook_payload = cls(
            event=event,
            associated_object_id=associated_object_id,
            context_object_id=context_object_id,
            context_object_type=context_object_type,
            extra_info=extra_info,
            timestamp=timestamp,
        )

        webhook_payload.additional_properties = d
        return webhook_payload

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
