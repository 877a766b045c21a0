from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ManualScore")


@_attrs_define
class ManualScore:
    """
    Attributes:
        ext_inspera_grading_teacher_id (int | Unset):
        ext_inspera_grading_teacher_name (str | Unset):
        ext_inspera_manual_score (float | Unset):
    """

    ext_inspera_grading_teacher_id: int | Unset = UNSET
    ext_inspera_grading_teacher_name: str | Unset = UNSET
    ext_inspera_manual_score: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ext_inspera_grading_teacher_id = self.ext_inspera_grading_teacher_id

        ext_inspera_grading_teacher_name = self.ext_inspera_grading_teacher_name

        ext_inspera_manual_score = self.ext_inspera_manual_score

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if ext_inspera_grading_teacher_id is not UNSET:
            field_dict["ext_inspera_gradingTeacherId"] = ext_inspera_grading_teacher_id
        if ext_inspera_grading_teacher_name is not UNSET:
            field_dict["ext_inspera_gradingTeacherName"] = (
                ext_inspera_grading_teacher_name
            )
        if ext_inspera_manual_score is not UNSET:
            field_dict["ext_inspera_manualScore"] = ext_inspera_manual_score

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ext_inspera_grading_teacher_id = d.pop("ext_inspera_gradingTeacherId", UNSET)

        ext_inspera_grading_teacher_name = d.pop(
            "ext_inspera_gradingTeacherName", UNSET
        )

        ext_inspera_manual_score = d.pop("ext_inspera_manualScore", UNSET)

        manual_score = cls(
            ext_inspera_grading_teacher_id=ext_inspera_grading_teacher_id,
            ext_inspera_grading_teacher_name=ext_inspera_grading_teacher_name,
            ext_inspera_manual_score=ext_inspera_manual_score,
        )

        manual_score.additional_properties = d
        return manual_score

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
