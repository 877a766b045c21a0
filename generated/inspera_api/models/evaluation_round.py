from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.evaluated_question import EvaluatedQuestion
    from ..models.round_grade import RoundGrade


T = TypeVar("T", bound="EvaluationRound")


@_attrs_define
class EvaluationRound:
    """
    Attributes:
        automatic_question_score (float | Unset):
        final_grade (float | Unset):
        jagged_analysis_status (str | Unset):
        questions (list[EvaluatedQuestion] | Unset):
        round_grades (list[RoundGrade] | Unset):
        round_id (int | Unset):
    """

    automatic_question_score: float | Unset = UNSET
    final_grade: float | Unset = UNSET
    jagged_analysis_status: str | Unset = UNSET
    questions: list[EvaluatedQuestion] | Unset = UNSET
    round_grades: list[RoundGrade] | Unset = UNSET
    round_id: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        automatic_question_score = self.automatic_question_score

        final_grade = self.final_grade

        jagged_analysis_status = self.jagged_analysis_status

        questions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.questions, Unset):
            questions = []
            for questions_item_data in self.questions:
                questions_item = questions_item_data.to_dict()
                questions.append(questions_item)

        round_grades: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.round_grades, Unset):
            round_grades = []
            for round_grades_item_data in self.round_grades:
                round_grades_item = round_grades_item_data.to_dict()
                round_grades.append(round_grades_item)

        round_id = self.round_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if automatic_question_score is not UNSET:
            field_dict["automaticQuestionScore"] = automatic_question_score
        if final_grade is not UNSET:
            field_dict["finalGrade"] = final_grade
        if jagged_analysis_status is not UNSET:
            field_dict["jaggedAnalysisStatus"] = jagged_analysis_status
        if questions is not UNSET:
            field_dict["questions"] = questions
        if round_grades is not UNSET:
            field_dict["roundGrades"] = round_grades
        if round_id is not UNSET:
            field_dict["roundId"] = round_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.evaluated_question import EvaluatedQuestion
        from ..models.round_grade import RoundGrade

        d = dict(src_dict)
        automatic_question_score = d.pop("automaticQuestionScore", UNSET)

        final_grade = d.pop("finalGrade", UNSET)

        jagged_analysis_status = d.pop("jaggedAnalysisStatus", UNSET)

        _questions = d.pop("questions", UNSET)
        questions: list[EvaluatedQuestion] | Unset = UNSET
        if _questions is not UNSET:
            questions = []
            for questions_item_data in _questions:
                questions_item = EvaluatedQuestion.from_dict(questions_item_data)

                questions.append(questions_item)

        _round_grades = d.pop("roundGrades", UNSET)
        round_grades: list[RoundGrade] | Unset = UNSET
        if _round_grades is not UNSET:
            round_grades = []
            for round_grades_item_data in _round_grades:
                round_grades_item = RoundGrade.from_dict(round_grades_item_data)

                round_grades.append(round_grades_item)

        round_id = d.pop("roundId", UNSET)

        evaluation_round = cls(
            automatic_question_score=automatic_question_score,
            final_grade=final_grade,
            jagged_analysis_status=jagged_analysis_status,
            questions=questions,
            round_grades=round_grades,
            round_id=round_id,
        )

        evaluation_round.additional_properties = d
        return evaluation_round

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
