from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.evaluation import Evaluation


T = TypeVar("T", bound="EvaluatedQuestion")


@_attrs_define
class EvaluatedQuestion:
    """
    Attributes:
        evaluations (list[Evaluation] | Unset):
        question_id (int | Unset):
        question_number (str | Unset):
        question_weight (float | Unset):
        user_question_id (int | Unset):
    """

    evaluations: list[Evaluation] | Unset = UNSET
    question_id: int | Unset = UNSET
    question_number: str | Unset = UNSET
    question_weight: float | Unset = UNSET
    user_question_id: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        evaluations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.evaluations, Unset):
            evaluations = []
            for evaluations_item_data in self.evaluations:
                evaluations_item = evaluations_item_data.to_dict()
                evaluations.append(evaluations_item)

        question_id = self.question_id

        question_number = self.question_number

        question_weight = self.question_weight

        user_question_id = self.user_question_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if evaluations is not UNSET:
            field_dict["evaluations"] = evaluations
        if question_id is not UNSET:
            field_dict["questionId"] = question_id
        if question_number is not UNSET:
            field_dict["questionNumber"] = question_number
        if question_weight is not UNSET:
            field_dict["questionWeight"] = question_weight
        if user_question_id is not UNSET:
            field_dict["userQuestionId"] = user_question_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.evaluation import Evaluation

        d = dict(src_dict)
        _evaluations = d.pop("evaluations", UNSET)
        evaluations: list[Evaluation] | Unset = UNSET
        if _evaluations is not UNSET:
            evaluations = []
            for evaluations_item_data in _evaluations:
                evaluations_item = Evaluation.from_dict(evaluations_item_data)

                evaluations.append(evaluations_item)

        question_id = d.pop("questionId", UNSET)

        question_number = d.pop("questionNumber", UNSET)

        question_weight = d.pop("questionWeight", UNSET)

        user_question_id = d.pop("userQuestionId", UNSET)

        evaluated_question = cls(
            evaluations=evaluations,
            question_id=question_id,
            question_number=question_number,
            question_weight=question_weight,
            user_question_id=user_question_id,
        )

        evaluated_question.additional_properties = d
        return evaluated_question

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
