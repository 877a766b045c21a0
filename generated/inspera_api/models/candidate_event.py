from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attached_file import AttachedFile
    from ..models.event_extra_info import EventExtraInfo
    from ..models.flagging_info import FlaggingInfo


T = TypeVar("T", bound="CandidateEvent")


@_attrs_define
class CandidateEvent:
    """
    Attributes:
        attached_files (list[AttachedFile] | Unset):
        event (str | Unset):
        event_id (str | Unset):
        extra_info (EventExtraInfo | Unset):
        flagging_info (FlaggingInfo | Unset):
        time_stamp (datetime.datetime | Unset):
        user_id (int | Unset): Creator of the event.
    """

    attached_files: list[AttachedFile] | Unset = UNSET
    event: str | Unset = UNSET
    event_id: str | Unset = UNSET
    extra_info: EventExtraInfo | Unset = UNSET
    flagging_info: FlaggingInfo | Unset = UNSET
    time_stamp: datetime.datetime | Unset = UNSET
    user_id: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attached_files: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.attached_files, Unset):
            attached_files = []
            for attached_files_item_data in self.attached_files:
                attached_files_item = attached_files_item_data.to_dict()
                attached_files.append(attached_files_item)

        event = self.event

        event_id = self.event_id

        extra_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.extra_info, Unset):
            extra_info = self.extra_info.to_dict()

        flagging_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.flagging_info, Unset):
            flagging_info = self.flagging_info.to_dict()

        time_stamp: str | Unset = UNSET
        if not isinstance(self.time_stamp, Unset):
            time_stamp = self.time_stamp.isoformat()

        user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if attached_files is not UNSET:
            field_dict["attachedFiles"] = attached_files
        if event is not UNSET:
            field_dict["event"] = event
        if event_id is not UNSET:
            field_dict["eventId"] = event_id
        if extra_info is not UNSET:
            field_dict["extraInfo"] = extra_info
        if flagging_info is not UNSET:
            field_dict["flaggingInfo"] = flagging_info
        if time_stamp is not UNSET:
            field_dict["timeStamp"] = time_stamp
        if user_id is not UNSET:
            field_dict["userId"] = user_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.attached_file import AttachedFile
        from ..models.event_extra_info import EventExtraInfo
        from ..models.flagging_info import FlaggingInfo

        d = dict(src_dict)
        _attached_files = d.pop("attachedFiles", UNSET)
        attached_files: list[AttachedFile] | Unset = UNSET
        if _attached_files is not UNSET:
            attached_files = []
            for attached_files_item_data in _attached_files:
                attached_files_item = AttachedFile.from_dict(attached_files_item_data)

                attached_files.append(attached_files_item)

        event = d.pop("event", UNSET)

        event_id = d.pop("eventId", UNSET)

        _extra_info = d.pop("extraInfo", UNSET)
        extra_info: EventExtraInfo | Unset
        if isinstance(_extra_info, Unset):
            extra_info = UNSET
        else:
            extra_info = EventExtraInfo.from_dict(_extra_info)

        _flagging_info = d.pop("flaggingInfo", UNSET)
        flagging_info: FlaggingInfo | Unset
        if isinstance(_flagging_info, Unset):
            flagging_info = UNSET
        else:
            flagging_info = FlaggingInfo.from_dict(_flagging_info)

        _time_stamp = d.pop("timeStamp", UNSET)
        time_stamp: datetime.datetime | Unset
        if isinstance(_time_stamp, Unset):
            time_stamp = UNSET
        else:
            time_stamp = datetime.datetime.fromisoformat(_time_stamp)

        user_id = d.pop("userId", UNSET)

        candidate_event = cls(
            attached_files=attached_files,
            event=event,
            event_id=event_id,
            extra_info=extra_info,
            flagging_info=flagging_info,
            time_stamp=time_stamp,
            user_id=user_id,
        )

        candidate_event.additional_properties = d
        return candidate_event

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
