from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.candidate_event import CandidateEvent


T = TypeVar("T", bound="EventsCandidate")


@_attrs_define
class EventsCandidate:
    """
    Attributes:
        candidate_id (str | Unset):
        events (list[CandidateEvent] | Unset):
        user_id (int | Unset):
    """

    candidate_id: str | Unset = UNSET
    events: list[CandidateEvent] | Unset = UNSET
    user_id: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        candidate_id = self.candidate_id

        events: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = []
            for events_item_data in self.events:
                events_item = events_item_data.to_dict()
                events.append(events_item)

        user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if candidate_id is not UNSET:
            field_dict["candidateId"] = candidate_id
        if events is not UNSET:
            field_dict["events"] = events
        if user_id is not UNSET:
            field_dict["userId"] = user_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.candidate_event import CandidateEvent

        d = dict(src_dict)
        candidate_id = d.pop("candidateId", UNSET)

        _events = d.pop("events", UNSET)
        events: list[CandidateEvent] | Unset = UNSET
        if _events is not UNSET:
            events = []
            for events_item_data in _events:
                events_item = CandidateEvent.from_dict(events_item_data)

                events.append(events_item)

        user_id = d.pop("userId", UNSET)

        events_candidate = cls(
            candidate_id=candidate_id,
            events=events,
            user_id=user_id,
        )

        events_candidate.additional_properties = d
        return events_candidate

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
