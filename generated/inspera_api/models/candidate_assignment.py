from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CandidateAssignment")


@_attrs_define
class CandidateAssignment:
    """
    Attributes:
        external_id (str):
        building_name (str | Unset):
        email (str | Unset):
        extra_time_mins (int | Unset):
        first_name (str | Unset):
        last_name (str | Unset):
        remove_building_name (bool | Unset): true clears the candidate's building (an empty buildingName does not).
        remove_room_name (bool | Unset): true clears the candidate's room (an empty roomName does not).
        room_name (str | Unset):
        send_notification (bool | Unset):
    """

    external_id: str
    building_name: str | Unset = UNSET
    email: str | Unset = UNSET
    extra_time_mins: int | Unset = UNSET
    first_name: str | Unset = UNSET
    last_name: str | Unset = UNSET
    remove_building_name: bool | Unset = UNSET
    remove_room_name: bool | Unset = UNSET
    room_name: str | Unset = UNSET
    send_notification: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        external_id = self.external_id

        building_name = self.building_name

        email = self.email

        extra_time_mins = self.extra_time_mins

        first_name = self.first_name

        last_name = self.last_name

        remove_building_name = self.remove_building_name

        remove_room_name = self.remove_room_name

        room_name = self.room_name

        send_notification = self.send_notification

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "externalId": external_id,
            }
        )
        if building_name is not UNSET:
            field_dict["buildingName"] = building_name
        if email is not UNSET:
            field_dict["email"] = email
        if extra_time_mins is not UNSET:
            field_dict["extraTimeMins"] = extra_time_mins
        if first_name is not UNSET:
            field_dict["firstName"] = first_name
        if last_name is not UNSET:
            field_dict["lastName"] = last_name
        if remove_building_name is not UNSET:
            field_dict["removeBuildingName"] = remove_building_name
        if remove_room_name is not UNSET:
            field_dict["removeRoomName"] = remove_room_name
        if room_name is not UNSET:
            field_dict["roomName"] = room_name
        if send_notification is not UNSET:
            field_dict["sendNotification"] = send_notification

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        external_id = d.pop("externalId")

        building_name = d.pop("buildingName", UNSET)

        email = d.pop("email", UNSET)

        extra_time_mins = d.pop("extraTimeMins", UNSET)

        first_name = d.pop("firstName", UNSET)

        last_name = d.pop("lastName", UNSET)

        remove_building_name = d.pop("removeBuildingName", UNSET)

        remove_room_name = d.pop("removeRoomName", UNSET)

        room_name = d.pop("roomName", UNSET)

        send_notification = d.pop("sendNotification", UNSET)

        candidate_assignment = cls(
            external_id=external_id,
            building_name=building_name,
            email=email,
            extra_time_mins=extra_time_mins,
            first_name=first_name,
            last_name=last_name,
            remove_building_name=remove_building_name,
            remove_room_name=remove_room_name,
            room_name=room_name,
            send_notification=send_notification,
        )

        candidate_assignment.additional_properties = d
        return candidate_assignment

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
