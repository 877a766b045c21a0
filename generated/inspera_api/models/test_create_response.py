from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TestCreateResponse")


@_attrs_define
class TestCreateResponse:
    """
    Attributes:
        assessment_run_id (int | Unset):
        status (str | Unset): created or updated
        success (bool | Unset):
    """

    assessment_run_id: int | Unset = UNSET
    status: str | Unset = UNSET
    success: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        assessment_run_id = self.assessment_run_id

        status = self.status

        success = self.success

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if assessment_run_id is not UNSET:
            field_dict["assessmentRunId"] = assessment_run_id
        if status is not UNSET:
            field_dict["status"] = status
        if success is not UNSET:
            field_dict["success"] = success

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        assessment_run_id = d.pop("assessmentRunId", UNSET)

        status = d.pop("status", UNSET)

        success = d.pop("success", UNSET)

        test_create_response = cls(
            assessment_run_id=assessment_run_id,
            status=status,
            success=success,
        )

        test_create_response.additional_properties = d
        return test_create_response

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
