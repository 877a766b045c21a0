from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TestSearchHit")


@_attrs_define
class TestSearchHit:
    """
    Attributes:
        assessment_run_id (int | Unset):
        assessment_run_title (str | Unset):
        end_time (datetime.datetime | Unset):
        external_id (str | Unset):
        is_template (bool | Unset):
        metadata_url (str | Unset):
        start_time (datetime.datetime | Unset):
        status (str | Unset): Seen: active, created, finished, graded, grading in progress, scheduled (example
            FINISHED).
    """

    assessment_run_id: int | Unset = UNSET
    assessment_run_title: str | Unset = UNSET
    end_time: datetime.datetime | Unset = UNSET
    external_id: str | Unset = UNSET
    is_template: bool | Unset = UNSET
    metadata_url: str | Unset = UNSET
    start_time: datetime.datetime | Unset = UNSET
    status: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        assessment_run_id = self.assessment_run_id

        assessment_run_title = self.assessment_run_title

        end_time: str | Unset = UNSET
        if not isinstance(self.end_time, Unset):
            end_time = self.end_time.isoformat()

        external_id = self.external_id

        is_template = self.is_template

        metadata_url = self.metadata_url

        start_time: str | Unset = UNSET
        if not isinstance(self.start_time, Unset):
            start_time = self.start_time.isoformat()

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if assessment_run_id is not UNSET:
            field_dict["assessmentRunId"] = assessment_run_id
        if assessment_run_title is not UNSET:
            field_dict["assessmentRunTitle"] = assessment_run_title
        if end_time is not UNSET:
            field_dict["endTime"] = end_time
        if external_id is not UNSET:
            field_dict["externalId"] = external_id
        if is_template is not UNSET:
            field_dict["isTemplate"] = is_template
        if metadata_url is not UNSET:
            field_dict["metadataUrl"] = metadata_url
        if start_time is not UNSET:
            field_dict["startTime"] = start_time
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        assessment_run_id = d.pop("assessmentRunId", UNSET)

        assessment_run_title = d.pop("assessmentRunTitle", UNSET)

        _end_time = d.pop("endTime", UNSET)
        end_time: datetime.datetime | Unset
        if isinstance(_end_time, Unset):
            end_time = UNSET
        else:
            end_time = datetime.datetime.fromisoformat(_end_time)

        external_id = d.pop("externalId", UNSET)

        is_template = d.pop("isTemplate", UNSET)

        metadata_url = d.pop("metadataUrl", UNSET)

        _start_time = d.pop("startTime", UNSET)
        start_time: datetime.datetime | Unset
        if isinstance(_start_time, Unset):
            start_time = UNSET
        else:
            start_time = datetime.datetime.fromisoformat(_start_time)

        status = d.pop("status", UNSET)

        test_search_hit = cls(
            assessment_run_id=assessment_run_id,
            assessment_run_title=assessment_run_title,
            end_time=end_time,
            external_id=external_id,
            is_template=is_template,
            metadata_url=metadata_url,
            start_time=start_time,
            status=status,
        )

        test_search_hit.additional_properties = d
        return test_search_hit

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
