from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TestCreateRequest")


@_attrs_define
class TestCreateRequest:
    """
    Attributes:
        external_test_id (str): The caller's id for the test; posting a known id updates that test.
        title (str):
        duration (int | Unset): Minutes.
        end_time (datetime.datetime | Unset):
        source_template_id (int | Unset): Id of the test template to copy. It takes effect until the test is activated:
            an update may switch to another template or apply one to a test created without.
        start_time (datetime.datetime | Unset):
    """

    external_test_id: str
    title: str
    duration: int | Unset = UNSET
    end_time: datetime.datetime | Unset = UNSET
    source_template_id: int | Unset = UNSET
    start_time: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        external_test_id = self.external_test_id

        title = self.title

        duration = self.duration

        end_time: str | Unset = UNSET
        if not isinstance(self.end_time, Unset):
            end_time = self.end_time.isoformat()

        source_template_id = self.source_template_id

        start_time: str | Unset = UNSET
        if not isinstance(self.start_time, Unset):
            start_time = self.start_time.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "externalTestId": external_test_id,
                "title": title,
            }
        )
        if duration is not UNSET:
            field_dict["duration"] = duration
        if end_time is not UNSET:
            field_dict["endTime"] = end_time
        if source_template_id is not UNSET:
            field_dict["sourceTemplateId"] = source_template_id
        if start_time is not UNSET:
            field_dict["startTime"] = start_time

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        external_test_id = d.pop("externalTestId")

        title = d.pop("title")

        duration = d.pop("duration", UNSET)

        _end_time = d.pop("endTime", UNSET)
        end_time: datetime.datetime | Unset
        if isinstance(_end_time, Unset):
            end_time = UNSET
        else:
            end_time = datetime.datetime.fromisoformat(_end_time)

        source_template_id = d.pop("sourceTemplateId", UNSET)

        _start_time = d.pop("startTime", UNSET)
        start_time: datetime.datetime | Unset
        if isinstance(_start_time, Unset):
            start_time = UNSET
        else:
            start_time = datetime.datetime.fromisoformat(_start_time)

        test_create_request = cls(
            external_test_id=external_test_id,
            title=title,
            duration=duration,
            end_time=end_time,
            source_template_id=source_template_id,
            start_time=start_time,
        )

        test_create_request.additional_properties = d
        return test_create_request

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
