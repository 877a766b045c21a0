from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.committee import Committee
    from ..models.contributor import Contributor


T = TypeVar("T", bound="TestMetadata")


@_attrs_define
class TestMetadata:
    """Field names read by third-party code; the full model is not published outside the apidoc.

    Attributes:
        assessment_run_id (int | Unset):
        committees (list[Committee] | Unset):
        contributors (list[Contributor] | Unset):
        end_time (datetime.datetime | Unset):
        external_test_id (str | Unset):
        name (str | Unset):
        start_time (datetime.datetime | Unset):
        status (str | Unset):
        title (str | Unset):
    """

    assessment_run_id: int | Unset = UNSET
    committees: list[Committee] | Unset = UNSET
    contributors: list[Contributor] | Unset = UNSET
    end_time: datetime.datetime | Unset = UNSET
    external_test_id: str | Unset = UNSET
    name: str | Unset = UNSET
    start_time: datetime.datetime | Unset = UNSET
    status: str | Unset = UNSET
    title: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        assessment_run_id = self.assessment_run_id

        committees: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.committees, Unset):
            committees = []
            for committees_item_data in self.committees:
                committees_item = committees_item_data.to_dict()
                committees.append(committees_item)

        contributors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.contributors, Unset):
            contributors = []
            for contributors_item_data in self.contributors:
                contributors_item = contributors_item_data.to_dict()
                contributors.append(contributors_item)

        end_time: str | Unset = UNSET
        if not isinstance(self.end_time, Unset):
            end_time = self.end_time.isoformat()

        external_test_id = self.external_test_id

        name = self.name

        start_time: str | Unset = UNSET
        if not isinstance(self.start_time, Unset):
            start_time = self.start_time.isoformat()

        status = self.status

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if assessment_run_id is not UNSET:
            field_dict["assessmentRunId"] = assessment_run_id
        if committees is not UNSET:
            field_dict["committees"] = committees
        if contributors is not UNSET:
            field_dict["contributors"] = contributors
        if end_time is not UNSET:
            field_dict["endTime"] = end_time
        if external_test_id is not UNSET:
            field_dict["externalTestId"] = external_test_id
        if name is not UNSET:
            field_dict["name"] = name
        if start_time is not UNSET:
            field_dict["startTime"] = start_time
        if status is not UNSET:
            field_dict["status"] = status
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.committee import Committee
        from ..models.contributor import Contributor

        d = dict(src_dict)
        assessment_run_id = d.pop("assessmentRunId", UNSET)

        _committees = d.pop("committees", UNSET)
        committees: list[Committee] | Unset = UNSET
        if _committees is not UNSET:
            committees = []
            for committees_item_data in _committees:
                committees_item = Committee.from_dict(committees_item_data)

                committees.append(committees_item)

        _contributors = d.pop("contributors", UNSET)
        contributors: list[Contributor] | Unset = UNSET
        if _contributors is not UNSET:
            contributors = []
            for contributors_item_data in _contributors:
                contributors_item = Contributor.from_dict(contributors_item_data)

                contributors.append(contributors_item)

        _end_time = d.pop("endTime", UNSET)
        end_time: datetime.datetime | Unset
        if isinstance(_end_time, Unset):
            end_time = UNSET
        else:
            end_time = datetime.datetime.fromisoformat(_end_time)

        external_test_id = d.pop("externalTestId", UNSET)

        name = d.pop("name", UNSET)

        _start_time = d.pop("startTime", UNSET)
        start_time: datetime.datetime | Unset
        if isinstance(_start_time, Unset):
            start_time = UNSET
        else:
            start_time = datetime.datetime.fromisoformat(_start_time)

        status = d.pop("status", UNSET)

        title = d.pop("title", UNSET)

        test_metadata = cls(
            assessment_run_id=assessment_run_id,
            committees=committees,
            contributors=contributors,
            end_time=end_time,
            external_test_id=external_test_id,
            name=name,
            start_time=start_time,
            status=status,
            title=title,
        )

        test_metadata.additional_properties = d
        return test_metadata

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
