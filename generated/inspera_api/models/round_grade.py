from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RoundGrade")


@_attrs_define
class RoundGrade:
    """
    Attributes:
        evaluator_user_id (int | Unset):
        total_score (float | Unset):
    """

    evaluator_user_id: int | Unset = UNSET
    total_score: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        evaluator_user_id = self.evaluator_user_id

        total_score = self.total_score

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if evaluator_user_id is not UNSET:
            field_dict["evaluatorUserId"] = evaluator_user_id
        if total_score is not UNSET:
            field_dict["totalScore"] = total_score

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        evaluator_user_id = d.pop("evaluatorUserId", UNSET)

        total_score = d.pop("totalScore", UNSET)

        round_grade = cls(
            evaluator_user_id=evaluator_user_id,
            total_score=total_score,
        )

        round_grade.additional_properties = d
        return round_grade

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
