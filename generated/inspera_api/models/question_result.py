from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.candidate_response import CandidateResponse
    from ..models.manual_score import ManualScore


T = TypeVar("T", bound="QuestionResult")


@_attrs_define
class QuestionResult:
    """
    Attributes:
        ext_inspera_auto_score (float | Unset):
        ext_inspera_candidate_responses (list[CandidateResponse] | Unset):
        ext_inspera_duration_seconds (int | Unset):
        ext_inspera_manual_scores (list[ManualScore] | Unset):
        ext_inspera_max_question_score (float | Unset):
        ext_inspera_question_content_item_id (int | Unset):
        ext_inspera_question_id (int | Unset):
        ext_inspera_question_number (str | Unset):
        ext_inspera_question_title (str | Unset):
        ext_inspera_question_weight (float | Unset):
        ext_inspera_question_type (str | Unset):
    """

    ext_inspera_auto_score: float | Unset = UNSET
    ext_inspera_candidate_responses: list[CandidateResponse] | Unset = UNSET
    ext_inspera_duration_seconds: int | Unset = UNSET
    ext_inspera_manual_scores: list[ManualScore] | Unset = UNSET
    ext_inspera_max_question_score: float | Unset = UNSET
    ext_inspera_question_content_item_id: int | Unset = UNSET
    ext_inspera_question_id: int | Unset = UNSET
    ext_inspera_question_number: str | Unset = UNSET
    ext_inspera_question_title: str | Unset = UNSET
    ext_inspera_question_weight: float | Unset = UNSET
    ext_inspera_question_type: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ext_inspera_auto_score = self.ext_inspera_auto_score

        ext_inspera_candidate_responses: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.ext_inspera_candidate_responses, Unset):
            ext_inspera_candidate_responses = []
            for (
                ext_inspera_candidate_responses_item_data
            ) in self.ext_inspera_candidate_responses:
                ext_inspera_candidate_responses_item = (
                    ext_inspera_candidate_responses_item_data.to_dict()
                )
                ext_inspera_candidate_responses.append(
                    ext_inspera_candidate_responses_item
                )

        ext_inspera_duration_seconds = self.ext_inspera_duration_seconds

        ext_inspera_manual_scores: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.ext_inspera_manual_scores, Unset):
            ext_inspera_manual_scores = []
            for ext_inspera_manual_scores_item_data in self.ext_inspera_manual_scores:
                ext_inspera_manual_scores_item = (
                    ext_inspera_manual_scores_item_data.to_dict()
                )
                ext_inspera_manual_scores.append(ext_inspera_manual_scores_item)

        ext_inspera_max_question_score = self.ext_inspera_max_question_score

        ext_inspera_question_content_item_id = self.ext_inspera_question_content_item_id

        ext_inspera_question_id = self.ext_inspera_question_id

        ext_inspera_question_number = self.ext_inspera_question_number

        ext_inspera_question_title = self.ext_inspera_question_title

        ext_inspera_question_weight = self.ext_inspera_question_weight

        ext_inspera_question_type = self.ext_inspera_question_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if ext_inspera_auto_score is not UNSET:
            field_dict["ext_inspera_autoScore"] = ext_inspera_auto_score
        if ext_inspera_candidate_responses is not UNSET:
            field_dict["ext_inspera_candidateResponses"] = (
                ext_inspera_candidate_responses
            )
        if ext_inspera_duration_seconds is not UNSET:
            field_dict["ext_inspera_durationSeconds"] = ext_inspera_duration_seconds
        if ext_inspera_manual_scores is not UNSET:
            field_dict["ext_inspera_manualScores"] = ext_inspera_manual_scores
        if ext_inspera_max_question_score is not UNSET:
            field_dict["ext_inspera_maxQuestionScore"] = ext_inspera_max_question_score
        if ext_inspera_question_content_item_id is not UNSET:
            field_dict["ext_inspera_questionContentItemId"] = (
                ext_inspera_question_content_item_id
            )
        if ext_inspera_question_id is not UNSET:
            field_dict["ext_inspera_questionId"] = ext_inspera_question_id
        if ext_inspera_question_number is not UNSET:
            field_dict["ext_inspera_questionNumber"] = ext_inspera_question_number
        if ext_inspera_question_title is not UNSET:
            field_dict["ext_inspera_questionTitle"] = ext_inspera_question_title
        if ext_inspera_question_weight is not UNSET:
            field_dict["ext_inspera_questionWeight"] = ext_inspera_question_weight
        if ext_inspera_question_type is not UNSET:
            field_dict["ext_inspera_question_type"] = ext_inspera_question_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.candidate_response import CandidateResponse
        from ..models.manual_score import ManualScore

        d = dict(src_dict)
        ext_inspera_auto_score = d.pop("ext_inspera_autoScore", UNSET)

        _ext_inspera_candidate_responses = d.pop(
            "ext_inspera_candidateResponses", UNSET
        )
        ext_inspera_candidate_responses: list[CandidateResponse] | Unset = UNSET
        if _ext_inspera_candidate_responses is not UNSET:
            ext_inspera_candidate_responses = []
            for (
                ext_inspera_candidate_responses_item_data
            ) in _ext_inspera_candidate_responses:
                ext_inspera_candidate_responses_item = CandidateResponse.from_dict(
                    ext_inspera_candidate_responses_item_data
                )

                ext_inspera_candidate_responses.append(
                    ext_inspera_candidate_responses_item
                )

        ext_inspera_duration_seconds = d.pop("ext_inspera_durationSeconds", UNSET)

        _ext_inspera_manual_scores = d.pop("ext_inspera_manualScores", UNSET)
        ext_inspera_manual_scores: list[ManualScore] | Unset = UNSET
        if _ext_inspera_manual_scores is not UNSET:
            ext_inspera_manual_scores = []
            for ext_inspera_manual_scores_item_data in _ext_inspera_manual_scores:
                ext_inspera_manual_scores_item = ManualScore.from_dict(
                    ext_inspera_manual_scores_item_data
                )

                ext_inspera_manual_scores.append(ext_inspera_manual_scores_item)

        ext_inspera_max_question_score = d.pop("ext_inspera_maxQuestionScore", UNSET)

        ext_inspera_question_content_item_id = d.pop(
            "ext_inspera_questionContentItemId", UNSET
        )

        ext_inspera_question_id = d.pop("ext_inspera_questionId", UNSET)

        ext_inspera_question_number = d.pop("ext_inspera_questionNumber", UNSET)

        ext_inspera_question_title = d.pop("ext_inspera_questionTitle", UNSET)

        ext_inspera_question_weight = d.pop("ext_inspera_questionWeight", UNSET)

        ext_inspera_question_type = d.pop("ext_inspera_question_type", UNSET)

        question_result = cls(
            ext_inspera_auto_score=ext_inspera_auto_score,
            ext_inspera_candidate_responses=ext_inspera_candidate_responses,
            ext_inspera_duration_seconds=ext_inspera_duration_seconds,
            ext_inspera_manual_scores=ext_inspera_manual_scores,
            ext_inspera_max_question_score=ext_inspera_max_question_score,
            ext_inspera_question_content_item_id=ext_inspera_question_content_item_id,
            ext_inspera_question_id=ext_inspera_question_id,
            ext_inspera_question_number=ext_inspera_question_number,
            ext_inspera_question_title=ext_inspera_question_title,
            ext_inspera_question_weight=ext_inspera_question_weight,
            ext_inspera_question_type=ext_inspera_question_type,
        )

        question_result.additional_properties = d
        return question_result

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
