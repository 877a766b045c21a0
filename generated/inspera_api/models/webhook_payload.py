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
        context_object_id (int): Id of the primary object (a test's id is its assessmentRunId).
        context_object_type (str): Known values: ASSESSMENT_RUN, QUESTION_SET, QUESTION, ITEM_BANK, QTI_SECTION,
            DOCUMENT, MARKETPLACE, USER, PRESET, ASSET, CUSTOM_USER_ROLE (others may appear).
        event (str): The event name, e.g. revision_status_updated.
        marketplace_id (int): The tenant (marketplace) id.
        timestamp (datetime.datetime): UTC, yyyy-MM-dd'T'HH:mm:ss'Z'. Example: 2021-06-29T18:16:06Z.
        associated_object_id (int | Unset): Id of a secondary object, e.g. the candidate of a test event.
        associated_object_type (str | Unset): Known values: QUESTION_SET, CANDIDATE, COMMITTEE, GROUP,
            GRADING_INSTRUCTIONS, USER, DOCUMENT, USER_ASSESSMENT, USER_QUESTION, QUESTION, MARKETPLACE_PROPERTY (others may
            appear).
        extra_info (WebhookExtraInfo | Unset): Event-specific; its value types vary by event (string, date, JSON, ...).
        triggering_user_id (int | Unset): Present only when a user's action, not the system, triggered the event.
        triggering_user_name (str | Unset):
    """

    context_object_id: int
    context_object_type: str
    event: str
    marketplace_id: int
    timestamp: datetime.datetime
    associated_object_id: int | Unset = UNSET
    associated_object_type: str | Unset = UNSET
    extra_info: WebhookExtraInfo | Unset = UNSET
    triggering_user_id: int | Unset = UNSET
    triggering_user_name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        context_object_id = self.context_object_id

        context_object_type = self.context_object_type

        event = self.event

        marketplace_id = self.marketplace_id

        timestamp = self.timestamp.isoformat()

        associated_object_id = self.associated_object_id

        associated_object_type = self.associated_object_type

        extra_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.extra_info, Unset):
            extra_info = self.extra_info.to_dict()

        triggering_user_id = self.triggering_user_id

        triggering_user_name = self.triggering_user_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contextObjectId": context_object_id,
                "contextObjectType": context_object_type,
                "event": event,
                "marketplaceId": marketplace_id,
                "timestamp": timestamp,
            }
        )
        if associated_object_id is not UNSET:
            field_dict["associatedObjectId"] = associated_object_id
        if associated_object_type is not UNSET:
            field_dict["associatedObjectType"] = associated_object_type
        if extra_info is not UNSET:
            field_dict["extraInfo"] = extra_info
        if triggering_user_id is not UNSET:
            field_dict["triggeringUserId"] = triggering_user_id
        if triggering_user_name is not UNSET:
            field_dict["triggeringUserName"] = triggering_user_name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.webhook_extra_info import WebhookExtraInfo

        d = dict(src_dict)
        context_object_id = d.pop("contextObjectId")

        context_object_type = d.pop("contextObjectType")

        event = d.pop("event")

        marketplace_id = d.pop("marketplaceId")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        associated_object_id = d.pop("associatedObjectId", UNSET)

        associated_object_type = d.pop("associatedObjectType", UNSET)

        _extra_info = d.pop("extraInfo", UNSET)
        extra_info: WebhookExtraInfo | Unset
        if isinstance(_extra_info, Unset):
            extra_info = UNSET
        else:
            extra_info = WebhookExtraInfo.from_dict(_extra_info)

        triggering_user_id = d.pop("triggeringUserId", UNSET)

        triggering_user_name = d.pop("triggeringUserName", UNSET)

        webhook_payload = cls(
            context_object_id=context_object_id,
            context_object_type=context_object_type,
            event=event,
            marketplace_id=marketplace_id,
            timestamp=timestamp,
            associated_object_id=associated_object_id,
            associated_object_type=associated_object_type,
            extra_info=extra_info,
            triggering_user_id=triggering_user_id,
            triggering_user_name=triggering_user_name,
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
