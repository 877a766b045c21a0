from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.candidate_pdf_request_question_answer_options import (
    CandidatePdfRequestQuestionAnswerOptions,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="CandidatePdfRequest")


@_attrs_define
class CandidatePdfRequest:
    """
    Attributes:
        expiry_period (int | Unset): Seconds the pre-signed download URL stays valid (default 3600, 300 to 86400).
            Default: 3600.
        question_answer_options (CandidatePdfRequestQuestionAnswerOptions | Unset): ANSWERS_ONLY: the candidate's
            answers without the question text. Leave it out for the whole submission.
    """

    expiry_period: int | Unset = 3600
    question_answer_options: CandidatePdfRequestQuestionAnswerOptions | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        expiry_period = self.expiry_period

        question_answer_options: str | Unset = UNSET
        if not isinstance(self.question_answer_options, Unset):
            question_answer_options = self.question_answer_options.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if expiry_period is not UNSET:
            field_dict["expiryPeriod"] = expiry_period
        if question_answer_options is not UNSET:
            field_dict["questionAnswerOptions"] = question_answer_options

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        expiry_period = d.pop("expiryPeriod", UNSET)

        _question_answer_options = d.pop("questionAnswerOptions", UNSET)
        question_answer_options: CandidatePdfRequestQuestionAnswerOptions | Unset
        if isinstance(_question_answer_options, Unset):
            question_answer_options = UNSET
        else:
            question_answer_options = CandidatePdfRequestQuestionAnswerOptions(
                _question_answer_options
            )

        candidate_pdf_request = cls(
            expiry_period=expiry_period,
            question_answer_options=question_answer_options,
        )

        candidate_pdf_request.additional_properties = d
        return candidate_pdf_request

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
